"""Who may issue a ticket (a registered kiosk's key, a staff member; nobody else), priority only from staff,
and one request key → one ticket (the kiosk's tap burst, the API's Idempotency-Key, a retry after a lost
answer)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from models import Device, DeviceKind, Priority, Service, Site, Ticket, db
from models.issuing import IssueRequest, issue_once
from models.queue import issue_ticket
from models.transaction import perform
from motcua.kiosk_keys import KIOSK_COOKIE

from .helpers import enrolment

KEY = "0b6f1a52-3c1e-4d0e-9d55-6f2b1f7f1c11"


def tickets() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Ticket))


def second_site():
    site = Site(code="xa-khac", name="Trung tâm xã khác")
    service = Service(site=site, prefix="A", name="Hộ tịch")
    device = Device(site=site, kind=DeviceKind.KIOSK, name="Ki-ốt xã khác", settings={})
    db.session.add_all([site, service, device])
    db.session.commit()
    return service, device


# --- the API: who may issue ------------------------------------------------------------------------------


def test_api_without_credentials_is_401_and_issues_nothing(demo, client):
    response = client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert tickets() == 0


@pytest.mark.parametrize("key", ["", "not-a-key", "eyJkIjoxLCJ2IjoxfQ.forged"])
def test_api_with_a_bad_kiosk_key_is_401(demo, client, key):
    response = client.post(
        "/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers={"X-Kiosk-Key": key}
    )
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_kiosk_key"
    assert tickets() == 0


def test_a_revoked_kiosk_key_is_401_and_the_other_kiosks_keep_theirs(demo, client, kiosk, login):
    other = Device(site_id=demo.site.id, kind=DeviceKind.KIOSK, name="Ki-ốt tầng 2", settings={})
    db.session.add(other)
    db.session.commit()
    other_headers = enrolment(other).headers
    login("admin")
    page = client.get("/admin/printers").get_data(as_text=True)
    assert kiosk.url.replace("&", "&amp;") in page  # the enrolment link is in the back office
    response = client.post(f"/admin/printers/devices/{kiosk.device.id}/new-key")
    assert response.status_code == 302

    body = {"service_id": demo.services["A"].id}
    assert client.post("/api/v1/tickets", json=body, headers=kiosk.headers).status_code == 401
    assert client.post("/api/v1/tickets", json=body, headers=other_headers).status_code == 201
    db.session.expire_all()
    renewed = enrolment(db.session.get(Device, kiosk.device.id))
    assert renewed.key != kiosk.key
    assert client.post("/api/v1/tickets", json=body, headers=renewed.headers).status_code == 201


def test_a_kiosk_key_of_another_site_is_403(demo, client, kiosk):
    foreign_service, _device = second_site()
    response = client.post("/api/v1/tickets", json={"service_id": foreign_service.id}, headers=kiosk.headers)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert tickets() == 0


def test_staff_of_another_site_is_403(demo, client, api_token):
    foreign_service, _device = second_site()
    response = client.post(
        "/api/v1/tickets", json={"service_id": foreign_service.id}, headers=api_token("canbo1")
    )
    assert response.status_code == 403
    assert tickets() == 0


def test_priority_is_refused_to_a_kiosk_and_granted_to_staff(demo, client, kiosk, api_token):
    body = {"service_id": demo.services["A"].id, "priority": True}
    refused = client.post("/api/v1/tickets", json=body, headers=kiosk.headers)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "priority_not_allowed"
    assert tickets() == 0
    granted = client.post("/api/v1/tickets", json=body, headers=api_token("canbo1"))
    assert granted.status_code == 201
    assert granted.get_json()["priority"] == Priority.PRIORITY


# --- the kiosk screen: who may issue -------------------------------------------------------------------


def test_an_unenrolled_kiosk_says_so_and_cannot_issue(demo, client):
    page = client.get("/kiosk/")
    assert page.status_code == 403
    assert "Ki-ốt chưa được đăng ký" in page.get_data(as_text=True)
    assert 'class="service-btn' not in page.get_data(as_text=True)
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert response.status_code == 403
    assert tickets() == 0


def test_the_enrolment_link_enrols_the_browser(demo, client):
    device = db.session.scalar(select(Device).filter_by(kind=DeviceKind.KIOSK))
    response = client.get(enrolment(device).url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/kiosk/?site=phuong-demo"  # the key leaves the address bar
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{KIOSK_COOKIE}=") and "HttpOnly" in cookie
    assert client.get("/kiosk/").status_code == 200
    assert client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id}).status_code == 200
    client.get("/kiosk/?device=")  # forgets it
    assert client.get("/kiosk/").status_code == 403


def test_a_wrong_key_in_the_link_does_not_enrol(demo, client):
    device = db.session.scalar(select(Device).filter_by(kind=DeviceKind.KIOSK))
    response = client.get(f"/kiosk/?device={device.id}&key=forged")
    assert "Set-Cookie" not in response.headers
    assert client.get("/kiosk/").status_code == 403


def test_signed_in_staff_may_issue_from_the_kiosk_page(demo, client, login):
    login("canbo1")
    assert client.get("/kiosk/").status_code == 200
    response = client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id})
    assert response.status_code == 200
    assert tickets() == 1


def test_a_priority_field_at_the_kiosk_is_ignored(demo, client, kiosk):
    client.post("/kiosk/tickets", data={"service_id": demo.services["A"].id, "priority": "1"})
    assert db.session.scalar(select(Ticket.priority)) == Priority.NORMAL


# --- one request key, one ticket ---------------------------------------------------------------------------


def test_the_same_kiosk_key_twice_gives_the_same_ticket_printed_once(demo, client, kiosk, monkeypatch):
    printed = []
    monkeypatch.setattr("kiosk.views.print_for_kiosk", lambda printer, issued, url: printed.append(issued))
    form = {"service_id": demo.services["A"].id, "request_key": KEY}
    first = client.post("/kiosk/tickets", data=form, headers={"HX-Request": "true"})
    second = client.post("/kiosk/tickets", data=form, headers={"HX-Request": "true"})
    assert first.status_code == second.status_code == 200
    assert '<p class="ticket-code">A001</p>' in second.get_data(as_text=True)
    assert tickets() == 1 and len(printed) == 1
    third = client.post("/kiosk/tickets", data={**form, "request_key": KEY.replace("1", "2")})
    assert '<p class="ticket-code">A002</p>' in third.get_data(as_text=True)


def test_the_same_idempotency_key_twice_gives_the_same_ticket(demo, client, kiosk):
    headers = {**kiosk.headers, "Idempotency-Key": KEY}
    first = client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=headers)
    second = client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=headers)
    assert first.status_code == 201 and second.status_code == 200
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.get_json()["token"] == first.get_json()["token"]
    assert tickets() == 1
    assert db.session.scalar(select(func.count()).select_from(IssueRequest)) == 1


def test_a_bad_idempotency_key_is_400(demo, client, kiosk):
    headers = {**kiosk.headers, "Idempotency-Key": "short"}
    response = client.post("/api/v1/tickets", json={"service_id": demo.services["A"].id}, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_idempotency_key"


def test_two_kiosks_may_use_the_same_key(demo, client, kiosk):
    other = Device(site_id=demo.site.id, kind=DeviceKind.KIOSK, name="Ki-ốt tầng 2", settings={})
    db.session.add(other)
    db.session.commit()
    body = {"service_id": demo.services["A"].id}
    client.post("/api/v1/tickets", json=body, headers={**kiosk.headers, "Idempotency-Key": KEY})
    client.post("/api/v1/tickets", json=body, headers={**enrolment(other).headers, "Idempotency-Key": KEY})
    assert tickets() == 2


def test_a_key_is_honoured_only_for_the_window(demo):
    service_id = demo.services["A"].id
    first = perform(
        db.session, issue_once, service_id, scope="device:1", key=KEY, site_id=None, window_seconds=600
    )
    later = first.issued.ticket.issued_at + timedelta(seconds=601)
    again = perform(
        db.session,
        issue_once,
        service_id,
        scope="device:1",
        key=KEY,
        site_id=None,
        window_seconds=600,
        now=later,
    )
    assert not again.repeated and again.issued.ticket.code == "A002"
    assert db.session.scalar(select(func.count()).select_from(IssueRequest)) == 1  # the old row was purged


def test_a_ticket_committed_before_the_connection_dropped_is_found_by_the_retry(
    demo, client, kiosk, monkeypatch
):
    """The commit succeeds, then the database connection fails while answering: the kiosk must not say the
    ticket failed, and the retry with the same key shows the ticket that was committed."""
    from models.transaction import perform as real_perform

    drops = []

    def commit_then_drop(session, rule, *args, **kwargs):
        result = real_perform(session, rule, *args, **kwargs)
        if not drops:
            drops.append(True)
            raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))
        return result

    monkeypatch.setattr("kiosk.views.perform", commit_then_drop)
    form = {"service_id": demo.services["A"].id, "request_key": KEY}
    first = client.post("/kiosk/tickets", data=form, headers={"HX-Request": "true"})
    page = first.get_data(as_text=True)
    assert first.status_code == 503
    assert "Chưa chắc chắn ông/bà đã lấy được số." in page
    assert f'name="request_key" value="{KEY}"' in page  # "Thử lại" sends the same key
    assert tickets() == 1
    retry = client.post("/kiosk/tickets", data=form, headers={"HX-Request": "true"})
    assert retry.status_code == 200
    assert '<p class="ticket-code">A001</p>' in retry.get_data(as_text=True)
    assert tickets() == 1


def test_tickets_made_in_process_need_no_key(demo):
    # The rules themselves stay usable from a CLI, a worker or a test.
    assert perform(db.session, issue_ticket, demo.services["A"].id).ticket.code == "A001"
