"""/admin/sites (province administrators only) and `flask --app wsgi init` (a first run without demo data)."""

import pytest
from flask import g
from sqlalchemy import func, select

from models import Role, Site, User, db
from models.audit import AuditEntry
from models.site import SiteKind
from motcua.demo import DEMO_PASSWORD

COMMUNE = {
    "name": "Trung tâm Phục vụ hành chính công xã Tân Lập",
    "code": "xa-tan-lap",
    "kind": SiteKind.COMMUNE,
    "address": "Xã Tân Lập, tỉnh Phú Thọ",
    "hotline": "0210 3846 111",
    "public_url": "https://motcua.tanlap.gov.vn/",
    "timezone": "Asia/Ho_Chi_Minh",
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_init_creates_the_province_and_its_administrator_and_nothing_else(app, ctx):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "init",
            "--province",
            "Trung tâm PVHCC tỉnh Phú Thọ",
            "--code",
            "tinh-phu-tho",
            "--username",
            "quantri",
            "--full-name",
            "Lê Văn Quản",
        ],
        input="mat-khau-tinh-2026\nmat-khau-tinh-2026\n",
    )
    assert result.exit_code == 0, result.output
    site = db.session.scalar(select(Site))
    admin = db.session.scalar(select(User))
    assert (site.code, site.kind) == ("tinh-phu-tho", SiteKind.PROVINCE)
    assert (
        admin.role == Role.ADMIN and admin.site_id == site.id and admin.check_password("mat-khau-tinh-2026")
    )
    assert count(Site) == 1 and count(User) == 1
    assert db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all() == [
        "site_created",
        "user_created",
    ]
    again = runner.invoke(
        args=["init", "--province", "X", "--code", "xx", "--username", "khac", "--full-name", "X"],
        input="mat-khau-tinh-2026\nmat-khau-tinh-2026\n",
    )
    assert again.exit_code != 0 and "cơ sở dữ liệu trống" in again.output
    assert count(Site) == 1


def test_init_refuses_a_weak_password(app, ctx):
    result = app.test_cli_runner().invoke(
        args=["init", "--province", "Tỉnh", "--code", "tinh", "--username", "quantri", "--full-name", "Q"],
        input="ngan\nngan\n",
    )
    assert result.exit_code != 0 and "ít nhất 10 ký tự" in result.output
    assert count(Site) == 0 and count(User) == 0


def test_a_province_administrator_creates_a_commune_under_the_province(demo, login):
    demo.site.kind = SiteKind.PROVINCE
    db.session.commit()
    client = login("admin")
    response = client.post("/admin/sites", data={**COMMUNE, "parent_id": demo.site.id})
    assert response.status_code == 302
    site = db.session.scalar(select(Site).filter_by(code="xa-tan-lap"))
    assert site.parent_id == demo.site.id and site.public_url == "https://motcua.tanlap.gov.vn"
    assert site.hotline == "0210 3846 111"
    # The hotline is on the public screens.
    for screen in ("/display/", "/kiosk/"):
        page = client.get(f"{screen}?site=xa-tan-lap").get_data(as_text=True)
        assert "Đường dây nóng: 0210 3846 111" in page, screen
    assert client.get("/admin/sites").status_code == 200
    assert client.post(f"/admin/sites/{site.id}/active", data={"active": "0"}).status_code == 302
    db.session.expire_all()
    assert not site.active
    actions = db.session.scalars(
        select(AuditEntry.action).filter_by(site_id=site.id).order_by(AuditEntry.id)
    ).all()
    assert actions == ["site_created", "site_changed"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"code": "phuong-demo"}, "Mã này đã được dùng"),
        ({"code": "Xã Tân Lập"}, "Mã gồm 2–40 chữ thường"),
        ({"timezone": "Mars/Olympus"}, "Múi giờ không hợp lệ"),
        ({"hotline": "gọi em"}, "Số điện thoại chỉ gồm"),
        ({"public_url": "javascript:alert(1)"}, "http:// hoặc https://"),
        ({"kind": "galaxy"}, "Xin chọn cấp"),
        ({"parent_id": "999999"}, "Trung tâm cấp trên phải là một trung tâm cấp tỉnh"),
        ({"name": ""}, "Xin nhập tên trung tâm"),
    ],
)
def test_bad_sites_are_refused(demo, login, change, message):
    response = login("admin").post("/admin/sites", data={**COMMUNE, **change})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert count(Site) == 1


def test_only_province_administrators_open_the_sites(app, demo, second_site):
    for username in ("giamsat2", "canbo1"):
        g.pop("_login_user", None)
        client = app.test_client()
        assert (
            client.post("/auth/login", data={"username": username, "password": DEMO_PASSWORD}).status_code
            == 302
        )
        assert client.get("/admin/sites").status_code == 403
        assert client.post("/admin/sites", data=COMMUNE).status_code == 403
        assert client.post(f"/admin/sites/{demo.site.id}/active", data={"active": "0"}).status_code == 403
    db.session.expire_all()
    assert count(Site) == 2 and demo.site.active


def test_a_renamed_centre_and_its_new_hotline_reach_open_kiosks_and_displays(app, demo, second_site, login):
    """The back office's change is announced (site_changed) to the site's kiosks and displays only; their
    header fragment, refetched, shows the new name and hotline."""
    from models.sites import site_values
    from motcua.extensions import socketio

    from .realtime_helpers import wait_for

    screens = {
        namespace: socketio.test_client(app, namespace=namespace, auth={"site_id": demo.site.id})
        for namespace in ("/kiosk", "/display")
    }
    elsewhere = socketio.test_client(app, namespace="/display", auth={"site_id": second_site.site.id})
    try:
        values = {k: ("" if v is None else v) for k, v in site_values(demo.site).items()}
        values.update(name="Trung tâm Phục vụ hành chính công phường Mới", hotline="0210 3999 000")
        g.pop("_login_user", None)
        saved = login("admin").post(f"/admin/sites/{demo.site.id}", data=values)
        assert saved.status_code == 302, saved.get_data(as_text=True)
        for namespace, screen in screens.items():
            assert wait_for(screen, "site_changed", namespace) == [{"site_id": demo.site.id}], namespace
        assert wait_for(elsewhere, "site_changed", "/display", timeout=0.5) == []
    finally:
        for namespace, client in (*screens.items(), ("/display", elsewhere)):
            if client.is_connected(namespace):
                client.disconnect(namespace)
    public = app.test_client()
    for path in ("/kiosk/site-header", "/display/site-header"):
        header = public.get(f"{path}?site={demo.site.code}").get_data(as_text=True)
        assert "Trung tâm Phục vụ hành chính công phường Mới" in header, path
        assert "Đường dây nóng: 0210 3999 000" in header and 'hx-trigger="site_changed from:body' in header
    assert public.get("/kiosk/site-header?site=no-such-site").status_code == 404
