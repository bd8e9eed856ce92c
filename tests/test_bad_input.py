"""Hostile input gets a clear 4xx in Vietnamese, never a 500: ids past the database's integers, NUL bytes,
JSON nested without end. (Issue #8, item 11.)"""

import io
import json

import pytest

from motcua.input_guard import MAX_JSON_DEPTH, json_depth
from motcua.web import MAX_ID, int_arg

HUGE = [2**31, 2**63, 2**64 + 1, 10**30]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (7, 7),
        (str(MAX_ID + 1), None),
        (MAX_ID + 1, None),
        (str(2**63), None),
        ("0", None),
        ("-3", None),
        (-3, None),
        ("1e3", None),
        ("٣", None),
        (True, None),
        (1.0, None),
        (None, None),
        ("", None),
        ("9" * 5000, None),
    ],
)
def test_int_arg_takes_only_ids_the_database_can_hold(value, expected):
    assert int_arg(value) == expected


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_id_in_a_url_is_a_404_page(demo, login, number):
    client = login("canbo1")
    for path in (f"/counter/{number}", f"/counter/{number}/panel", f"/counter/{number}/rating?key=x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Không tìm thấy trang này." in response.get_data(as_text=True)


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_id_in_a_url_is_a_404_for_the_back_office_and_the_api(demo, login, api_token, number):
    headers = api_token("canbo1")
    client = login("admin")
    assert (
        client.post(f"/admin/printers/devices/{number}", data={"printer_url": "preview"}).status_code == 404
    )
    assert client.post(f"/admin/procedures/{number}/fee", data={"fees": "1"}).status_code == 404
    response = client.post(f"/api/v1/counters/{number}/call-next", headers=headers)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("number", HUGE)
def test_a_huge_id_in_a_form_or_query_is_refused_cleanly(demo, login, number):
    client = login("canbo1")
    assert client.post("/kiosk/tickets", data={"service_id": str(number)}).status_code == 404
    assert client.get(f"/printing/alerts?site_id={number}").status_code == 404
    assert client.get(f"/kiosk/procedures?field={number}").status_code == 200
    assert client.get(f"/procedures/notice?field={number}").status_code == 200
    response = client.get(f"/api/v1/procedures?field={number}")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "field_not_found"


@pytest.mark.parametrize("number", [*HUGE, 0, -1])
def test_a_huge_id_in_api_json_is_a_400(demo, client, kiosk, api_token, number):
    response = client.post("/api/v1/tickets", json={"service_id": number}, headers=kiosk.headers)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_service_id"
    headers = api_token("canbo1")
    counter = demo.counters[1].id
    assert client.post(f"/api/v1/counters/{counter}/open", headers=headers).status_code == 404
    for key in ("service_id", "counter_id"):
        response = client.post(f"/api/v1/counters/{counter}/transfer", headers=headers, json={key: number})
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_target"


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("get", "/t/abc%00def", {}),
        ("get", "/procedures/1.0%0001", {}),
        ("get", "/kiosk/procedures?q=a%00b", {}),
        ("get", "/kiosk/?site=x%00", {}),
        ("post", "/kiosk/tickets", {"data": {"service_id": "1\x00"}}),
        ("post", "/auth/login", {"data": {"username": "canbo1\x00", "password": "x"}}),
        ("post", "/auth/login", {"data": {"user\x00name": "a"}}),
        ("post", "/auth/login", {"data": {"f": (io.BytesIO(b"x"), "a\x00.txt")}}),
    ],
)
def test_a_nul_byte_on_a_screen_is_a_vietnamese_400_page(demo, client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 400
    assert "Dữ liệu gửi lên chứa ký tự không hợp lệ (ký tự NUL)." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/tickets/abc%00", None),
        ("/api/v1/procedures?q=%00", None),
        ("/api/v1/auth/token", '{"username": "canbo1\\u0000", "password": "x"}'),
        ("/api/v1/auth/token", '{"username": "canbo1", "password": "x", "a\\u0000": 1}'),
        ("/api/v1/tickets", '{"service_id": 1, "note": ["ok", {"deep": "x\\u0000"}]}'),
    ],
)
def test_a_nul_byte_in_the_api_is_a_json_400(demo, client, path, body):
    if body is None:
        response = client.get(path)
    else:
        response = client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("path", ["/api/v1/tickets", "/api/v1/auth/token"])
@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 5_000, 200_000])
def test_json_nested_too_deeply_is_invalid_json(demo, client, kiosk, path, depth):
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth, "[" * depth):
        response = client.post(path, data=body, content_type="application/json", headers=kiosk.headers)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid_json"


def test_json_within_the_depth_bound_still_works(demo, client, kiosk):
    nested = {"service_id": demo.services["A"].id, "extra": json.loads("[" * 30 + "]" * 30)}
    assert client.post("/api/v1/tickets", json=nested, headers=kiosk.headers).status_code == 201


def test_json_depth_ignores_brackets_inside_strings():
    assert json_depth('{"a": "[[[[{{{{", "b": [1, [2]], "c": "\\"[["}') == 3
    assert json_depth("1") == 0


def test_the_sign_in_prompt_and_the_403_page_are_vietnamese(demo, client, login):
    response = client.get("/admin/", follow_redirects=True)
    assert "Xin vui lòng đăng nhập để xem trang này." in response.get_data(as_text=True)
    assert "Please log in" not in response.get_data(as_text=True)
    login("canbo1")
    response = client.get("/admin/")
    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Bạn không có quyền truy cập trang này." in page and "Forbidden" not in page


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        (400, "bad_request", "Yêu cầu không hợp lệ. Xin vui lòng kiểm tra lại thông tin đã nhập."),
        (401, "unauthorized", "Xin vui lòng đăng nhập để tiếp tục."),
        (403, "forbidden", "Bạn không có quyền truy cập trang này."),
        (413, "too_large", "Dữ liệu gửi lên quá lớn."),
        (429, "too_many_requests", "Có quá nhiều yêu cầu. Xin vui lòng chờ một lát rồi thử lại."),
    ],
)
def test_every_error_status_has_one_vietnamese_message_for_pages_and_json(app, status, code, message):
    from werkzeug.exceptions import default_exceptions

    from motcua.errors import error_response

    with app.test_request_context("/kiosk/"):
        body, got = error_response(status)
        assert got == status and message in body
    with app.test_request_context("/api/v1/x"):
        body, got = error_response(status)
        assert got == status and body.get_json() == {"error": {"code": code, "message": message}}
    assert status in default_exceptions


def test_the_api_answers_werkzeug_errors_in_vietnamese_json(demo, client):
    response = client.get("/api/v1/tickets")
    assert response.status_code == 405
    assert response.get_json() == {
        "error": {"code": "method_not_allowed", "message": "Thao tác không được hỗ trợ."}
    }
    response = client.post("/api/v1/counters/1/call-next")
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"


def test_a_100_kb_fee_text_is_refused_with_a_clear_message(demo, login):
    from models import Procedure, SiteProcedureFee, db

    client = login("admin")
    procedure = db.session.scalars(db.select(Procedure)).first()
    response = client.post(
        f"/admin/procedures/{procedure.id}/fee", data={"fees": "x" * 100_000}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Nội dung phí, lệ phí dài quá 2000 ký tự." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(SiteProcedureFee)) == 0


@pytest.mark.parametrize(
    ("namespace", "auth", "signed_in"),
    [
        ("/display", {"site_id": 2**63}, False),
        ("/kiosk", {"site_id": str(2**31)}, False),
        ("/ticket", {"token": "abc\x00def"}, False),
        ("/ticket", {"token": {"$ne": 1}}, False),
        ("/tablet", {"counter_id": 2**63, "key": "x"}, False),
        ("/counter", {"counter_id": 2**63}, True),
        ("/admin", {"site_id": 2**63}, True),
    ],
)
def test_sockets_with_hostile_ids_are_refused_not_crashed(demo, client, login, namespace, auth, signed_in):
    from motcua.extensions import socketio

    if signed_in:
        login("admin")
    socket = socketio.test_client(
        client.application, namespace=namespace, auth=auth, flask_test_client=client
    )
    assert not socket.is_connected(namespace)
