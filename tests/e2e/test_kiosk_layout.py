"""The kiosk home fits its screen: at 1080×1920 (portrait), 1920×1080 (landscape) and 1366×768, with the demo
centre's six services and with twelve, every tappable control can be reached (on screen, or in a scroll area
that brings it on screen), nothing covers it (what is under its centre is the control itself) and it is at
least a touch target tall and wide (static/css/kiosk.css)."""

import pytest
from playwright.sync_api import expect

from models import Service, db

from .conftest import screenshot, wait_connected

TOUCH_TARGET = 120  # px, the kiosk's touch-target size (static/css/kiosk.css)
SIZES = [(1080, 1920), (1920, 1080), (1366, 768)]
MORE_SERVICES = [
    ("H", "Tư pháp", "Lý lịch tư pháp, quốc tịch"),
    ("K", "Xây dựng", "Giấy phép xây dựng nhà ở riêng lẻ"),
    ("L", "Lao động – Thương binh", "Bảo hiểm thất nghiệp, người có công"),
    ("M", "Giáo dục", "Chuyển trường, xác nhận học bạ"),
    ("N", "Y tế", "Bảo hiểm y tế hộ gia đình"),
    ("P", "Nông nghiệp – Môi trường", "Cam kết bảo vệ môi trường, thủy lợi"),
]

# For each visible tappable control of the kiosk screen: whether it is wholly shown as the page opens (inside the
# screen and every box around it that cuts what overflows), then brought into view (scrollIntoView) and
# measured again: what is under its centre, whether it is now wholly shown, and
# whether bringing it into view took a scroll no finger can make (the page itself, or an overflow: hidden box).
_MEASURE = """
() => {
  const fingerScrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowY);
  const controls = Array.from(document.querySelectorAll("#kiosk a[href], #kiosk button"))
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
  return controls.map((control) => {
    const ancestors = [];
    for (let parent = control.parentElement; parent; parent = parent.parentElement) ancestors.push(parent);
    const inside = (box) => box.top >= -0.5 && box.bottom <= innerHeight + 0.5 && ancestors.every((parent) =>
      parent === document.documentElement || parent === document.body
      || getComputedStyle(parent).overflowY === "visible"
      || (box.top >= parent.getBoundingClientRect().top - 0.5
          && box.bottom <= parent.getBoundingClientRect().bottom + 0.5));
    const opened = inside(control.getBoundingClientRect());
    control.scrollIntoView({ block: "nearest", inline: "nearest" });
    const box = control.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const clipped = !inside(box);
    let unreachable = window.scrollX !== 0 || window.scrollY !== 0;
    for (const parent of ancestors) {
      if ((parent.scrollTop !== 0 || parent.scrollLeft !== 0) && !fingerScrolls(parent)) unreachable = true;
    }
    const result = {
      name: (control.innerText || "").trim().split("\\n")[0],
      service: control.classList.contains("service-btn"),
      opened: opened,
      left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width, height: box.height,
      covered: !(hit && (hit === control || control.contains(hit))),
      under: hit ? hit.tagName + "." + hit.className : null,
      clipped: clipped,
      unreachable: unreachable,
    };
    for (const parent of ancestors) { parent.scrollTop = 0; parent.scrollLeft = 0; }
    window.scrollTo(0, 0);
    return result;
  });
}
"""


def _add_services(demo) -> None:
    for position, (prefix, name, description) in enumerate(MORE_SERVICES, start=len(demo.services)):
        db.session.add(
            Service(
                site_id=demo.site.id, prefix=prefix, name=name, description=description, position=position
            )
        )
    db.session.commit()


@pytest.mark.parametrize("services", [6, 12])
@pytest.mark.parametrize("width, height", SIZES)
def test_every_control_of_the_kiosk_home_can_be_tapped(demo, new_page, kiosk_url, width, height, services):
    if services == 12:
        _add_services(demo)
    kiosk = new_page(width, height)
    kiosk.goto(kiosk_url)
    wait_connected(kiosk)
    expect(kiosk.locator(".service-btn")).to_have_count(services)
    kiosk.wait_for_load_state("networkidle")  # the refresh after connecting has been answered
    screenshot(kiosk, f"kiosk-home-{services}-services-{width}x{height}")
    controls = kiosk.evaluate(_MEASURE)
    names = {c["name"] for c in controls}
    assert {
        "Tiếng Việt",
        "English",
        "Tra cứu thủ tục hành chính ›",
        "Tra cứu hồ sơ · Nhận kết quả ›",
    } <= names
    assert sum(c["service"] for c in controls) == services
    # On a kiosk's own screen the ways in besides the services are there as the page opens, and so are the
    # demo centre's six services; a longer list, or a short monitor, may ask for a scroll.
    kiosk_screen = (width, height) != (1366, 768)
    problems = []
    for c in controls:
        if kiosk_screen and (services == 6 or not c["service"]) and not c["opened"]:
            problems.append(f"{c['name']!r} is not on screen as the page opens: {c}")
        if c["left"] < 0 or c["top"] < 0 or c["right"] > width + 0.5 or c["bottom"] > height + 0.5:
            problems.append(f"{c['name']!r} is off the screen: {c}")
        if c["clipped"] or c["unreachable"]:
            problems.append(f"{c['name']!r} cannot be scrolled into view by a finger: {c}")
        if c["covered"]:
            problems.append(f"{c['name']!r} is under {c['under']}")
        if c["width"] < TOUCH_TARGET or c["height"] < TOUCH_TARGET:
            problems.append(f"{c['name']!r} is {c['width']:.0f}×{c['height']:.0f} px, under {TOUCH_TARGET}")
    assert problems == []
