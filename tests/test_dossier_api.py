"""The dossier API and the citizen's public page /hs/<code or token>."""

from datetime import date, datetime

from sqlalchemy import func, select

from models import Dossier, DossierStatus, db
from models.dossier_rules import Applicant, Receipt, change_status, issue_apology, receive_dossier
from models.queue import issue_ticket
from models.transaction import perform

BODY = {
    "procedure_code": "1.004873",
    "applicant": {"name": "Trần Thị Bích", "phone": "0987654321", "address": "Hà Nội"},
    "documents": [{"name": "Tờ khai", "kind": "original", "quantity": 1}],
}


def test_receive_read_move_and_apologise(demo, client, api_token):
    headers = api_token("canbo1")
    ticket = perform(db.session, issue_ticket, demo.services["A"].id, channel="staff")
    created = client.post(
        "/api/v1/dossiers", json={**BODY, "ticket_token": ticket.ticket.token}, headers=headers
    )
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["status"] == "received"
    assert body["code"].startswith("PHUONG-DEMO-")
    date.fromisoformat(body["due_date"])
    assert "/hs/" in body["url"]
    code = body["code"]
    assert db.session.scalar(select(Dossier.ticket_id).filter_by(code=code)) == ticket.ticket.id

    assert client.get(f"/api/v1/dossiers/{code.lower()}", headers=headers).get_json()["code"] == code
    refused = client.post(f"/api/v1/dossiers/{code}/status", json={"status": "returned"}, headers=headers)
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "invalid_dossier"
    moved = client.post(f"/api/v1/dossiers/{code}/status", json={"status": "processing"}, headers=headers)
    assert moved.get_json()["status"] == "processing"

    bad = client.post(
        f"/api/v1/dossiers/{code}/apology", json={"reason": "x", "new_due_date": "31/12"}, headers=headers
    )
    assert bad.status_code == 400
    assert bad.get_json()["error"]["code"] == "invalid_new_due_date"


def test_the_api_refuses_bad_input_cleanly(demo, client, api_token):
    headers = api_token("canbo1")
    cases = [
        ({}, 400, "invalid_applicant"),
        ({**BODY, "procedure_code": "0.000000"}, 404, "unknown_procedure"),
        ({**BODY, "procedure_code": ["1.004873"]}, 400, "invalid_procedure_code"),
        ({**BODY, "applicant": {"name": "An", "phone": 912345678}}, 400, "invalid_phone"),
        ({**BODY, "applicant": {"name": "An", "phone": "abc"}}, 422, "invalid_dossier"),
        ({**BODY, "ticket_token": "nope"}, 404, "unknown_ticket"),
        ({**BODY, "documents": "everything"}, 422, "invalid_dossier"),
        ({**BODY, "fee": "free"}, 422, "invalid_dossier"),
    ]
    for payload, status, code in cases:
        response = client.post("/api/v1/dossiers", json=payload, headers=headers)
        assert (response.status_code, response.get_json()["error"]["code"]) == (status, code), payload
    assert client.post("/api/v1/dossiers", json=BODY).status_code == 401
    assert client.get("/api/v1/dossiers/NOPE-1", headers=headers).status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_another_sites_staff_see_no_dossier(demo, second_site, client, api_token):
    created = client.post("/api/v1/dossiers", json=BODY, headers=api_token("canbo1")).get_json()
    other = api_token("giamsat2")
    assert client.get(f"/api/v1/dossiers/{created['code']}", headers=other).status_code == 404
    moved = client.post(
        f"/api/v1/dossiers/{created['code']}/status", json={"status": "processing"}, headers=other
    )
    assert moved.status_code == 404


def _dossier(demo, now=datetime(2026, 3, 6, 7)) -> Dossier:
    receipt = Receipt(procedure_id=None, applicant=Applicant("Lê Văn Cường", "0912000111", "Số 9 ngõ 5"))
    receipt.procedure_id = db.session.scalar(select(Dossier.procedure_id).limit(1)) or _procedure_id()
    return perform(db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt, now=now)


def _procedure_id() -> int:
    from models import Procedure

    return db.session.scalar(select(Procedure.id).filter_by(code="1.004873"))


def test_the_public_page_shows_state_and_apology_but_no_personal_data(demo, client):
    dossier = _dossier(demo)
    perform(
        db.session,
        issue_apology,
        dossier.id,
        demo.users["canbo1"],
        "Cần xác minh thêm",
        date(2026, 3, 17),
        now=datetime(2026, 3, 9, 2),
    )
    for ref in (dossier.token, dossier.code, dossier.code.lower()):
        page = client.get(f"/hs/{ref}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert dossier.code in text and "17/03/2026" in text and "Cần xác minh thêm" in text
        assert "L." in text
        for secret in ("Lê Văn Cường", "Cường", "0912000111", "ngõ 5"):
            assert secret not in text


def test_wrong_codes_are_rate_limited(demo, client):
    dossier = _dossier(demo)
    for attempt in range(10):
        assert client.get(f"/hs/PHUONG-DEMO-260306-{attempt + 100:04d}").status_code == 404
    assert client.get("/hs/PHUONG-DEMO-260306-0999").status_code == 429
    assert client.get(f"/hs/{dossier.token}").status_code == 429  # the address waits, whatever it asks


def test_the_report_api_counts_the_period(demo, client, api_token):
    dossier = _dossier(demo)
    perform(
        db.session,
        change_status,
        dossier.id,
        demo.users["canbo1"],
        DossierStatus.RESULT_READY,
        now=datetime(2026, 3, 9, 2),
    )
    response = client.get(
        "/api/v1/reports/dossiers?from=2026-03-01&to=2026-03-31", headers=api_token("admin")
    )
    total = response.get_json()["total"]
    assert total == {
        "received": 1,
        "resolved": 1,
        "early": 1,
        "on_time": 0,
        "late": 0,
        "late_with_apology": 0,
        "pending": 0,
        "on_time_rate": 100.0,
    }
    bad = client.get("/api/v1/reports/dossiers?from=yesterday", headers=api_token("admin"))
    assert bad.status_code == 400
    assert client.get("/api/v1/reports/dossiers", headers=api_token("canbo1")).status_code == 403
