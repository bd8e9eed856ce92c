"""Keeping the catalogue current from the back office: preview before anything is saved, confirm, history with
who and when, revert; the same all-or-nothing rules and line-by-line problems as the CLI."""

import io
import json

import pytest
from sqlalchemy import func, select

from models import CatalogueImport, Field, Procedure, db, service_fields
from models.catalogue_io import ImportRejected
from models.catalogue_upkeep import (
    ImportNotPending,
    ImportState,
    RevertRefused,
    apply_import,
    preview_import,
    revert_import,
)
from models.transaction import perform

HEADER = "code,name,field_code,field_name,status,effective_date,decision,replaced_by,name_en\n"
FILE = HEADER + (
    "9.000001,Thủ tục mới một,ho-tich,,,,,,\n"
    "9.000002,Thủ tục mới hai,ho-tich,,,,,,New two\n"
    "1.001193,Đăng ký khai sinh (sửa),ho-tich,,,,,,Birth registration\n"
    "1.004884,Đăng ký lại khai sinh,ho-tich,,bãi bỏ,01/12/2026,Quyết định 123/QĐ-UBND,,\n"
    "1.000593,Đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới,ho-tich,,thay thế,2026-12-01,"
    "Quyết định 123/QĐ-UBND,9.000001,\n"
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _name(code: str) -> str:
    db.session.expire_all()
    return db.session.scalar(select(Procedure.name).filter_by(code=code))


def test_a_preview_counts_what_the_file_would_do_and_writes_no_procedure(demo):
    before = _count(Procedure)
    pending = perform(db.session, preview_import, FILE.encode(), "csv", "thang12.csv", demo.users["admin"].id)
    assert (pending.created, pending.changed, pending.abolished) == (2, 1, 2)
    assert pending.state == ImportState.PENDING
    assert _count(Procedure) == before
    assert _name("1.001193") == "Đăng ký khai sinh"


def test_a_file_with_problems_is_refused_line_by_line_and_nothing_is_kept(demo):
    bad = HEADER + "9.000001,Mới,ho-tich,,bãi bỏ,,,,\n9.000002,Mới,ho-tich,,thay thế,31/02/2026,,1.999999,\n"
    with pytest.raises(ImportRejected) as rejected:
        perform(db.session, preview_import, bad.encode(), "csv", "sai.csv", None)
    assert [str(p) for p in rejected.value.problems] == [
        "2: Thủ tục bị thay thế hoặc bãi bỏ cần ngày hiệu lực.",
        "3: Ngày hiệu lực không hợp lệ: “31/02/2026” (ví dụ 01/12/2026).",
        "3: Không có thủ tục thay thế mang mã “1.999999”.",
    ]
    assert _count(CatalogueImport) == 0


def test_confirm_applies_once_and_revert_puts_everything_back(demo):
    admin = demo.users["admin"].id
    pending = perform(db.session, preview_import, FILE.encode(), "csv", "thang12.csv", admin)
    report = perform(db.session, apply_import, pending.id, admin)
    assert sorted(report.created) == ["9.000001", "9.000002"]
    assert sorted(report.abolished) == ["1.000593", "1.004884"]
    assert _name("1.001193") == "Đăng ký khai sinh (sửa)"
    row = db.session.get(CatalogueImport, pending.id)
    assert (row.state, row.applied_by) == (ImportState.APPLIED, admin) and row.applied_at is not None
    with pytest.raises(ImportNotPending):
        perform(db.session, apply_import, pending.id, admin)

    perform(db.session, revert_import, pending.id, admin)
    db.session.expire_all()
    assert _name("1.001193") == "Đăng ký khai sinh"
    assert _name("9.000001") is None
    restored = db.session.scalar(select(Procedure).filter_by(code="1.004884"))
    assert (restored.status, restored.status_from, restored.decision) == ("in_force", None, "")
    assert [d.name for d in restored.document_items]  # its documents are back too
    row = db.session.get(CatalogueImport, pending.id)
    assert (row.state, row.reverted_by) == (ImportState.REVERTED, admin)
    with pytest.raises(RevertRefused):
        perform(db.session, revert_import, pending.id, admin)


def test_only_the_latest_import_may_be_reverted(demo):
    first = perform(db.session, preview_import, FILE.encode(), "csv", "a.csv", None)
    perform(db.session, apply_import, first.id, None)
    second_file = HEADER + "9.000003,Thủ tục mới ba,ho-tich,,,,,,\n"
    second = perform(db.session, preview_import, second_file.encode(), "csv", "b.csv", None)
    perform(db.session, apply_import, second.id, None)
    with pytest.raises(RevertRefused):
        perform(db.session, revert_import, first.id, None)
    perform(db.session, revert_import, second.id, None)
    perform(db.session, revert_import, first.id, None)
    assert _name("9.000001") is None and _name("9.000003") is None


def _upload(client, data: bytes, name: str):
    return client.post(
        "/admin/procedures/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_the_page_previews_then_confirms_then_reverts(demo, login):
    client = login("admin")
    page = _upload(client, FILE.encode(), "thang12.csv")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "2 mới, 1 thay đổi, 2 bãi bỏ hoặc thay thế — xác nhận?" in text
    assert _name("1.001193") == "Đăng ký khai sinh"
    pending = db.session.scalar(select(CatalogueImport))
    response = client.post(f"/admin/procedures/import/{pending.id}/confirm")
    assert response.status_code == 302
    history = client.get("/admin/procedures/import").get_data(as_text=True)
    assert "thang12.csv" in history and "admin" in history and "Hoàn tác" in history
    assert _name("1.001193") == "Đăng ký khai sinh (sửa)"
    assert client.post(f"/admin/procedures/import/{pending.id}/revert").status_code == 302
    assert _name("1.001193") == "Đăng ký khai sinh"
    assert "Đã hoàn tác" in client.get("/admin/procedures/import").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "", "Hãy chọn một tệp CSV hoặc JSON."),
        (b"MZ\x90\x00", "virus.exe", "Chỉ nhận tệp .csv hoặc .json."),
        (b"\xff\xfe\x00bad", "bad.csv", "không được mã hoá UTF-8"),
        (json.dumps({"procedures": [{"code": "x"}]}).encode(), "a.json", "Dòng 1: Mã thủ tục không hợp lệ"),
        (b"[" * 5000, "deep.json", "lồng nhau quá sâu"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(demo, login, data, name, message):
    client = login("admin")
    response = _upload(client, data, name) if name else client.post("/admin/procedures/import", data={})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count(CatalogueImport) == 0


def test_only_an_administrator_changes_the_shared_catalogue(demo, second_site, login):
    client = login("giamsat2")
    assert _upload(client, FILE.encode(), "thang12.csv").status_code == 403
    assert _count(CatalogueImport) == 0


NEW_FIELD = HEADER + "9.000004,Thủ tục của lĩnh vực mới,thu-nghiem,Thử nghiệm,,,,,\n"


def _field(code: str):
    db.session.expire_all()
    return db.session.scalar(select(Field).filter_by(code=code))


def test_revert_removes_the_fields_the_import_created(demo):
    pending = perform(db.session, preview_import, NEW_FIELD.encode(), "csv", "moi.csv", None)
    perform(db.session, apply_import, pending.id, None)
    assert _field("thu-nghiem").name == "Thử nghiệm"
    perform(db.session, revert_import, pending.id, None)
    assert _name("9.000004") is None and _field("thu-nghiem") is None
    assert _field("ho-tich") is not None  # one the import only used stays


def test_revert_keeps_a_created_field_that_a_centre_has_come_to_use(demo):
    pending = perform(db.session, preview_import, NEW_FIELD.encode(), "csv", "moi.csv", None)
    perform(db.session, apply_import, pending.id, None)
    db.session.execute(
        service_fields.insert().values(service_id=demo.services["A"].id, field_id=_field("thu-nghiem").id)
    )
    db.session.commit()
    perform(db.session, revert_import, pending.id, None)
    assert _name("9.000004") is None and _field("thu-nghiem") is not None
