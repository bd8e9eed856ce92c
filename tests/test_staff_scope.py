"""Staff scope, proved over every route the app has: the routes are read from app.url_map, so a new staff route
is covered (or the test asks where it belongs) without anyone remembering to add it."""

import pytest
from flask import url_for
from sqlalchemy import func, select

from models import Device, Dossier, DossierStatus, Procedure, SiteProcedureFee, db
from models.dossier_rules import Applicant, Receipt, receive_dossier
from models.transaction import perform
from motcua.demo import DEMO_PASSWORD
from motcua.extensions import socketio

# Routes anyone may use: the citizen's screens, the wall display, the kiosk, sign-in, the rating tablet (its
# own signed key) and the public API.
PUBLIC = {
    "static",
    "favicon",
    "device_heartbeat",
    "health.healthz",
    "public.dossier",
    "public.index",
    "public.procedure",
    "public.procedures",
    "public.procedures_notice",
    "public.rate_ticket",
    "public.ticket",
    "public.ticket_status",
    "kiosk.dossier_lookup",
    "kiosk.find_dossier",
    "kiosk.return_ticket",
    "kiosk.home",
    "kiosk.print_slip",
    "kiosk.priority_groups",
    "kiosk.priority_services",
    "kiosk.procedure",
    "kiosk.procedures",
    "kiosk.procedures_field",
    "kiosk.procedures_search",
    "kiosk.services",
    "kiosk.slip_preview",
    "kiosk.take_ticket",
    "display.board",
    "display.board_page",
    "display.counter_page",
    "display.counter_panel",
    "display.voice_clip",
    "display.site_header",
    "kiosk.site_header",
    "kiosk.closed_today",
    "auth.login",
    "tablet.page",
    "tablet.rate",
    "tablet.skip",
    "tablet.state",
    "api.create_ticket",
    "api.create_token",
    "api.get_procedure",
    "api.get_ticket",
    "api.list_counters",
    "api.list_priority_categories",
    "api.list_procedures",
    "api.list_services",
    "api.rate_ticket",
}

# What a supervisor of site 2 gets when aiming a staff route at site 1: a page chosen with ?site= says 403;
# another site's counter or site named by id is 404, as a missing one. None: the route names no site.
CROSS_SITE = {
    "admin.add_device": 403,
    "admin.add_priority_defaults": 403,
    "admin.floor": 403,
    "admin.floor_panel": 403,
    "admin.move_ticket": 404,
    "admin.priority": 403,
    "admin.reopen_counter": 404,
    "admin.change_counter": 404,
    "admin.close_left_ticket": 404,
    "admin.save_priority_category": 403,
    "admin.save_priority_policy": 403,
    "admin.ticket_priority": 404,
    "admin.add_site_synonym": 403,
    "admin.cancel_catalogue": 403,
    "admin.catalogue_import": 403,
    "admin.confirm_catalogue": 403,
    "admin.delete_site_synonym": 403,
    "admin.revert_catalogue": 403,
    "admin.search_debug": 403,
    "admin.synonyms": 403,
    "admin.upload_catalogue": 403,
    "admin.calendar": 403,
    "admin.save_calendar_day": 403,
    "admin.remove_calendar_day": 403,
    "admin.dossiers": 403,
    "admin.dossier_signer": 403,
    "counter.dossiers": 403,
    "counter.new_dossier": 403,
    "counter.receive": 403,
    "counter.dossier": 404,
    "counter.dossier_status": 404,
    "counter.dossier_apology": 404,
    "counter.receipt_form": 404,
    "counter.apology_form": 404,
    "counter.receipt_slip_print": 404,
    "counter.control_form": 404,
    "counter.notice_form": 404,
    "counter.dossier_documents": None,
    "counter.dossier_procedures": None,
    "admin.index": 403,
    "admin.printers": 403,
    "admin.procedure_fee": 403,
    "admin.procedures": 403,
    "admin.rating_alerts": 403,
    "admin.rating_tablets": 403,
    "admin.reprint_ticket": 403,
    "admin.satisfaction": 403,
    "admin.operations": 403,
    "admin.save_device": 403,
    "admin.renew_device_key": 403,
    "admin.test_preview": 403,
    "admin.test_print": 403,
    "admin.audit": 403,
    "admin.services": 403,
    "admin.service_new": 403,
    "admin.service_create": 403,
    "admin.service_edit": 404,
    "admin.service_save": 404,
    "admin.service_active": 404,
    "admin.service_move": 404,
    "admin.counter_list": 403,
    "admin.counter_new": 403,
    "admin.counter_create": 403,
    "admin.counter_edit": 404,
    "admin.counter_save": 404,
    "admin.counter_active": 404,
    "admin.users": 403,
    "admin.user_new": 403,
    "admin.user_create": 403,
    "admin.user_edit": 403,
    "admin.user_save": 403,
    "admin.user_password": 403,
    "admin.devices": 403,
    "admin.device_create": 403,
    "admin.device_new_key": 403,
    "admin.displays": 403,
    "admin.display_edit": 403,
    "admin.display_save": 403,
    "admin.voice": 403,
    "admin.voice_upload": 403,
    "admin.voice_default": 403,
    # Province administrators only, whatever the site.
    "admin.sites": 403,
    "admin.site_new": 403,
    "admin.site_create": 403,
    "admin.site_edit": 403,
    "admin.site_save": 403,
    "admin.site_active": 403,
    "admin.release": 404,
    "admin.take_over": 404,
    "api.counter_action": 404,
    "api.counter_queue": 404,
    "api.return_no_show": 404,
    "api.create_dossier": 403,
    "api.get_dossier": 404,
    "api.dossier_status": 404,
    "api.dossier_apology": 404,
    "api.dossiers_report": 403,
    "api.satisfaction": 403,
    "api.operations_report": 403,
    "counter.act": 404,
    "counter.return_no_show": 404,
    "counter.set_ticket_priority": 404,
    "counter.open_counter": 404,
    "counter.panel": 404,
    "printing.alerts": 404,
    "counter.reprint_ticket": 404,
    "counter.screen": 404,
    "counter.index": None,
    "auth.logout": None,
    "auth.password": None,
    "api.delete_token": None,
}


def _staff_routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
        if rule.endpoint not in PUBLIC:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _url(app, rule, site, second_site) -> str:
    """The route aimed at `site` (the demo site): its counter, its kiosk device, ?site= and ?site_id=."""
    values = {
        "counter_id": site.counters[1].id,
        "device_id": second_site.demo_device.id,
        "procedure_id": db.session.scalar(select(Procedure.id).limit(1)),
        "service_id": site.services["A"].id,
        "user_id": site.users["canbo1"].id,
        "site_id": site.site.id,
        "import_id": 1,
        "synonym_id": 1,
        "action": "recall" if rule.endpoint == "api.counter_action" else "call-next",
        "token": _a_ticket_token(site) if "token" in rule.arguments else None,
        "ticket_id": _a_ticket_id(site) if "ticket_id" in rule.arguments else None,
        "code": db.session.scalar(select(Dossier.code).where(Dossier.site_id == site.site.id).limit(1))
        or "NO-DOSSIER",
        "form": "02",
        "change": "shut",
        "dossier_id": db.session.scalar(select(Dossier.id).where(Dossier.site_id == site.site.id).limit(1))
        or 1,
    }
    with app.test_request_context():
        args = {name: values[name] for name in rule.arguments}
        return url_for(rule.endpoint, site=site.site.code, **{"site_id": site.site.id, **args})


def _a_ticket_token(site) -> str:
    """A no-show ticket of the site (a ticket a staff route may act on by its token)."""
    from models import Status, Ticket
    from models.queue import issue_ticket
    from models.transaction import perform

    ticket = perform(db.session, issue_ticket, site.services["A"].id).ticket
    ticket.status = Status.NO_SHOW
    ticket.finished_at = ticket.issued_at
    db.session.commit()
    return db.session.get(Ticket, ticket.id).token


def _a_ticket_id(site) -> int:
    """A waiting ticket of the site."""
    from models.queue import issue_ticket
    from models.transaction import perform

    return perform(db.session, issue_ticket, site.services["A"].id).ticket.id


def _client(app, username):
    client = app.test_client()
    response = client.post("/auth/login", data={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _bearer(client, username) -> dict:
    response = client.post("/api/v1/auth/token", json={"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def test_every_route_is_either_public_or_scoped(app):
    staff = {rule.endpoint for rule, _method in _staff_routes(app)}
    assert staff == set(CROSS_SITE), "a new route: add it to PUBLIC or CROSS_SITE"


def _devices(site_id: int) -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(select(Device).where(Device.site_id == site_id).order_by(Device.id))
    return [(d.id, d.name, d.key_version, dict(d.settings or {})) for d in rows]


def _give_a_third_site(username: str) -> None:
    """The user also works at a third site (user_sites): still never at the demo site."""
    from models import Site, User, UserSite

    site = Site(code="xa-thu-ba", name="Bộ phận một cửa xã Thứ Ba")
    db.session.add(site)
    db.session.flush()
    user = db.session.scalar(select(User).filter_by(username=username))
    user.other_sites = [UserSite(site_id=site.id)]
    db.session.commit()


@pytest.mark.parametrize("sites", [1, 2], ids=["one-site", "two-sites"])
def test_a_supervisor_of_another_site_can_neither_read_nor_change_this_one(app, demo, second_site, sites):
    if sites == 2:
        _give_a_third_site("giamsat2")
    client = _client(app, "giamsat2")
    headers = _bearer(client, "giamsat2")
    devices_before = _devices(demo.site.id)
    receipt = Receipt(
        db.session.scalar(select(Procedure.id).filter_by(code="1.004873")), Applicant("An", "0912345678")
    )
    dossier = perform(db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt)
    checked = 0
    for rule, method in _staff_routes(app):
        expected = CROSS_SITE[rule.endpoint]
        if expected is None:
            continue
        url = _url(app, rule, demo, second_site)
        response = client.open(
            url, method=method, headers=headers if rule.endpoint.startswith("api.") else {}
        )
        assert response.status_code == expected, (method, url)
        checked += 1
    assert checked == sum(1 for v in CROSS_SITE.values() if v is not None)
    # Nothing of the demo site changed: no fee, no device added, renamed, re-keyed or re-configured, no counter
    # taken.
    assert db.session.scalar(select(func.count()).select_from(SiteProcedureFee)) == 0
    assert _devices(demo.site.id) == devices_before
    db.session.refresh(demo.counters[1])
    assert demo.counters[1].officer_id is None
    db.session.refresh(dossier)
    assert (dossier.status, dossier.apology_at) == (DossierStatus.RECEIVED, None)


def test_without_site_a_supervisor_lands_on_their_own_site(app, demo, second_site):
    client = _client(app, "giamsat2")
    page = client.get("/admin/").get_data(as_text=True)
    assert second_site.site.name in page and demo.site.name not in page
    assert client.get("/admin/?site=xa-thu-hai").status_code == 200


def test_the_counter_list_shows_only_the_officers_own_site(app, demo, second_site):
    page = _client(app, "canbo-xa2").get("/counter/").get_data(as_text=True)
    assert f"/counter/{second_site.counter.id}/open" in page
    assert f"/counter/{demo.counters[1].id}/open" not in page


def test_an_administrator_may_use_every_site(app, demo, second_site):
    client = _client(app, "admin")
    assert client.get("/admin/?site=xa-thu-hai").status_code == 200
    assert client.get("/admin/?site=phuong-demo").status_code == 200


def test_an_officer_cannot_open_the_back_office(app, demo, second_site):
    client = _client(app, "canbo1")
    headers = _bearer(client, "canbo1")
    for rule, method in _staff_routes(app):
        if rule.endpoint.startswith("admin.") or rule.endpoint == "api.satisfaction":
            url = _url(app, rule, demo, second_site)
            response = client.open(url, method=method, headers=headers)
            assert response.status_code == 403, (method, url)


@pytest.mark.parametrize("api", [False, True], ids=["screens", "api"])
def test_without_sign_in_staff_routes_ask_for_it(app, demo, second_site, api):
    client = app.test_client()
    for rule, method in _staff_routes(app):
        if rule.endpoint.startswith("api.") != api or rule.endpoint == "auth.logout":
            continue
        url = _url(app, rule, demo, second_site)
        response = client.open(url, method=method)
        if api:
            assert response.status_code == 401, (method, url)
            assert response.get_json()["error"]["code"] == "unauthorized"
        else:
            assert response.status_code == 302, (method, url)
            assert response.headers["Location"].startswith("/auth/login"), (method, url)


def test_a_user_without_a_site_may_use_none(demo):
    from models import Role, User

    for role in (Role.OFFICER, Role.SUPERVISOR):
        assert not User(role=role, site_id=None).may_use_site(demo.site.id)
    assert User(role=Role.ADMIN, site_id=None).may_use_site(demo.site.id)


def test_a_user_of_several_sites_may_use_those_only(demo):
    from models import Role, User, UserSite

    for role in (Role.OFFICER, Role.SUPERVISOR):
        user = User(role=role, site_id=1, other_sites=[UserSite(site_id=2)])
        assert [user.may_use_site(i) for i in (1, 2, 3, None)] == [True, True, False, False]
        # Other sites without a site of one's own: a half-made account, still none.
        assert not User(role=role, site_id=None, other_sites=[UserSite(site_id=2)]).may_use_site(2)


def test_socket_rooms_of_another_site_are_refused(app, demo, second_site):
    client = _client(app, "giamsat2")
    own = socketio.test_client(
        app, namespace="/admin", auth={"site_id": second_site.site.id}, flask_test_client=client
    )
    other = socketio.test_client(
        app, namespace="/admin", auth={"site_id": demo.site.id}, flask_test_client=client
    )
    counter = socketio.test_client(
        app, namespace="/counter", auth={"counter_id": demo.counters[1].id}, flask_test_client=client
    )
    try:
        assert own.is_connected("/admin")
        assert not other.is_connected("/admin")
        assert not counter.is_connected("/counter")
    finally:
        if own.is_connected("/admin"):
            own.disconnect("/admin")
