"""/admin/audit: the site's entries, filtered, exported (CSV and XLSX, formulas defused), never editable; the
officers' ticket actions beside them."""

import io

from flask import g
from sqlalchemy import select

from models import Procedure, db
from models.audit import Actor, AuditEntry, record
from models.queue import call_next, issue_ticket, open_counter
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD


def test_the_log_shows_this_sites_entries_only_and_filters(app, demo, second_site, login):
    perform(
        db.session,
        record,
        Actor(demo.users["admin"], "10.0.0.9"),
        "service_changed",
        "A Hộ tịch",
        site_id=demo.site.id,
        before={"name": "Hộ tịch"},
        after={"name": "Hộ tịch – Tư pháp"},
    )
    perform(
        db.session,
        record,
        Actor(second_site.users["giamsat2"], "10.0.0.8"),
        "counter_changed",
        "Quầy xã",
        site_id=second_site.site.id,
    )
    client = login("giamsat2")
    page = client.get("/admin/audit?site=xa-thu-hai").get_data(as_text=True)
    assert "Quầy xã" in page and "Hộ tịch – Tư pháp" not in page
    assert client.get("/admin/audit?site=phuong-demo").status_code == 403
    g.pop("_login_user", None)
    admin = app.test_client()
    admin.post("/auth/login", data={"username": "admin", "password": DEMO_PASSWORD})
    page = admin.get("/admin/audit?site=phuong-demo").get_data(as_text=True)
    assert "name: Hộ tịch → Hộ tịch – Tư pháp" in page and "10.0.0.9" in page
    only_sign_ins = admin.get("/admin/audit?site=phuong-demo&action=sign_in").get_data(as_text=True)
    assert "Hộ tịch – Tư pháp" not in only_sign_ins


def test_export_csv_and_xlsx_with_formulas_defused(demo, login):
    perform(
        db.session,
        record,
        Actor(demo.users["admin"], "10.0.0.9"),
        "counter_changed",
        '=HYPERLINK("x")',
        site_id=demo.site.id,
    )
    client = login("admin")
    text = client.get("/admin/audit?site=phuong-demo&format=csv").get_data(as_text=True)
    assert text.startswith("\ufeff") and "'=HYPERLINK" in text and "Sửa quầy" in text
    xlsx = client.get("/admin/audit?site=phuong-demo&format=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("x")' in values


def test_no_screen_edits_or_deletes_the_log(app):
    methods = {
        m for rule in app.url_map.iter_rules() if rule.rule.startswith("/admin/audit") for m in rule.methods
    }
    assert methods <= {"GET", "HEAD", "OPTIONS"}


def test_officers_ticket_actions_are_shown_with_the_officer(demo, login):
    perform(db.session, issue_ticket, demo.services["A"].id)
    perform(db.session, open_counter, demo.counters[1].id, demo.users["canbo1"])
    perform(db.session, call_next, demo.counters[1].id, demo.users["canbo1"])
    page = login("admin").get("/admin/audit?site=phuong-demo").get_data(as_text=True)
    section = page.split("Thao tác của cán bộ với số thứ tự")[1]
    assert "A001" in section and "Nguyễn Thị Lan" in section
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)) == "sign_in"


def test_the_older_back_office_changes_are_logged_too(demo, login):
    client = login("admin")
    procedure_id = db.session.scalar(select(Procedure.id).limit(1))
    client.post(f"/admin/procedures/{procedure_id}/fee", data={"fees": "50.000 đồng"})
    client.post("/admin/printers/devices", data={"name": "Ki-ốt tầng 2"})
    perform(db.session, open_counter, demo.counters[2].id, demo.users["canbo2"])
    client.post(
        f"/admin/counters/{demo.counters[2].id}/release", data={"officer_id": demo.users["canbo2"].id}
    )
    rows = db.session.execute(
        select(AuditEntry.action, AuditEntry.target, AuditEntry.site_id).order_by(AuditEntry.id)
    ).all()
    assert rows[1:] == [
        ("fee_changed", str(procedure_id), demo.site.id),
        ("device_created", "Ki-ốt tầng 2", demo.site.id),
        ("counter_released", "2", demo.site.id),
    ]
    assert db.session.scalar(select(AuditEntry.after).filter_by(action="fee_changed")) == {
        "fees": "50.000 đồng"
    }


def test_a_calendar_change_is_logged_and_announced_to_the_kiosks(app, demo, login):
    """A closed day set and removed in /admin/calendar: two audit entries, and each change is announced
    (site_changed), so the kiosk's live fragment, which carries the closed-day notice, refetches."""
    from models import signals
    from models.queries import today

    heard = []

    def listen(_sender, **payload):
        heard.append(payload)

    signals.site_changed.connect(listen)
    try:
        client = login("admin")
        day = today(demo.site).isoformat()
        saved = client.post("/admin/calendar", data={"day": day, "kind": "closed", "note": "Tổng vệ sinh"})
        assert saved.status_code == 302
        kiosk = app.test_client().get(f"/kiosk/closed-today?site={demo.site.code}").get_data(as_text=True)
        assert "Tổng vệ sinh" in kiosk and 'class="closed-today"' in kiosk
        assert client.post("/admin/calendar/remove", data={"day": day}).status_code == 302
    finally:
        signals.site_changed.disconnect(listen)
    assert heard == [{"site_id": demo.site.id}, {"site_id": demo.site.id}]
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action.like("calendar_%")).order_by(AuditEntry.id)
    ).all()
    assert [(e.action, e.target, e.username) for e in entries] == [
        ("calendar_day_set", day, "admin"),
        ("calendar_day_removed", day, "admin"),
    ]
    assert entries[0].after == {"kind": "closed", "note": "Tổng vệ sinh"}
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Sửa lịch làm việc" in page and "Bỏ ngày khỏi lịch riêng" in page


def test_priority_signer_and_synonym_changes_are_in_the_log_with_who(demo, login):
    client = login("admin")
    site = "?site=phuong-demo"
    client.post(
        "/admin/priority/policy" + site,
        data={"policy": "strict", "ratio": "3", "max_wait_minutes": "", "wait_target_minutes": "20"},
    )
    client.post("/admin/dossiers/signer" + site, data={"name": "Nguyễn Văn A", "title": "Giám đốc"})
    client.post(
        "/admin/procedures/synonyms" + site, data={"phrase": "làm giấy khai sinh", "meaning": "khai sinh"}
    )
    entries = {e.action: e for e in db.session.scalars(select(AuditEntry).filter_by(site_id=demo.site.id))}
    assert {"priority_policy_changed", "dossier_signer_changed", "synonym_added"} <= set(entries)
    assert entries["priority_policy_changed"].after["policy"] == "strict"
    assert entries["dossier_signer_changed"].after == {"name": "Nguyễn Văn A", "title": "Giám đốc"}
    assert all(entries[a].username == "admin" for a in ("priority_policy_changed", "synonym_added"))
    page = client.get("/admin/audit" + site).get_data(as_text=True)
    assert (
        "Sửa cách ưu tiên" in page and "Sửa người ký văn bản xin lỗi" in page and "Thêm từ đồng nghĩa" in page
    )
