"""Searching the way citizens talk, in a browser: a colloquial phrase on the phone page, and English names in
English mode (the placeholder's own example, "birth registration")."""

from playwright.sync_api import expect

from .conftest import screenshot


def test_colloquial_words_and_english_names_on_the_phone(demo, live_server, new_page):
    phone = new_page(390, 844)
    phone.goto(f"{live_server}/procedures/")
    phone.fill("input[name=q]", "làm sổ đỏ")
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.locator(".pub-results li").first).to_contain_text(
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu"
    )
    screenshot(phone, "procedures-colloquial-390x844")

    phone.goto(f"{live_server}/procedures/?lang=en")
    phone.fill("input[name=q]", "birth registration")
    phone.locator(".pub-search button").click()
    expect(phone.locator(".pub-results li").first).to_contain_text("Birth registration")
    screenshot(phone, "procedures-english-390x844")
    phone.locator(".pub-results li a").first.click()
    expect(phone.locator("h1.proc-title")).to_have_text("Birth registration")
