"""Import/export of the procedure catalogue: round trip, idempotence, update in place, all-or-nothing."""

import json

import pytest
from sqlalchemy import func, select

from models import Procedure, db
from models.catalogue_io import ImportRejected, export_catalogue, import_catalogue
from models.transaction import perform

HEADER = "code,name,field_code,field_name,documents,online,services,processing_days\n"


def count():
    return db.session.scalar(select(func.count(Procedure.id)))


def run(data: bytes, fmt: str = "csv"):
    return perform(db.session, import_catalogue, data, fmt)


def test_demo_catalogue_is_loaded_and_linked(demo):
    assert count() >= 20
    birth = db.session.scalar(select(Procedure).filter_by(code="1.001193"))
    assert birth.name == "Đăng ký khai sinh"
    assert birth.field.name == "Hộ tịch"
    assert [s.prefix for s in birth.services] == ["A"]
    assert birth.document_items[0].name.startswith("Tờ khai đăng ký khai sinh")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_is_a_no_op(demo, fmt):
    exported = export_catalogue(db.session, fmt)
    report = run(exported, fmt)
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == count()
    assert export_catalogue(db.session, fmt) == exported


def test_csv_is_excel_friendly(demo):
    data = export_catalogue(db.session, "csv")
    assert data.startswith("\ufeff".encode())
    assert "Đăng ký khai sinh".encode() in data


def test_updated_file_updates_in_place(demo):
    data = json.loads(export_catalogue(db.session, "json"))
    item = next(p for p in data["procedures"] if p["code"] == "1.001193")
    item["processing_days"] = 2
    item["documents"] = [{"name": "Tờ khai mới", "kind": "copy", "quantity": 2}]
    item["services"] = ["phuong-demo:G"]
    before = count()
    report = run(json.dumps(data).encode(), "json")
    assert report.updated == ["1.001193"]
    assert count() == before
    birth = db.session.scalar(select(Procedure).filter_by(code="1.001193"))
    assert birth.processing_days == 2
    assert [(d.name, d.kind, d.quantity) for d in birth.document_items] == [("Tờ khai mới", "copy", 2)]
    assert [s.prefix for s in birth.services] == ["G"]


def test_new_field_and_procedure_from_csv(demo):
    csv = (
        HEADER
        + '9.000001,Thủ tục thử,thu-nghiem,Thử nghiệm,"Đơn | bản sao | 2\nẢnh | bản chính | 1",một phần,B,4\n'
    )
    report = run(csv.encode())
    assert report.created == ["9.000001"] and report.fields_created == ["thu-nghiem"]
    procedure = db.session.scalar(select(Procedure).filter_by(code="9.000001"))
    assert procedure.online == "mot_phan" and procedure.processing_days == 4
    assert [(d.name, d.kind, d.quantity) for d in procedure.document_items] == [
        ("Đơn", "copy", 2),
        ("Ảnh", "original", 1),
    ]


def rejected(data: bytes, fmt="csv") -> list[str]:
    before = export_catalogue(db.session, "json")
    with pytest.raises(ImportRejected) as info:
        run(data, fmt)
    assert export_catalogue(db.session, "json") == before  # nothing changed
    return [str(p) for p in info.value.problems]


def test_bad_files_change_nothing_and_report_every_line(demo):
    csv = (
        HEADER
        + "9.000001,Một,ho-tich,,,,A,\n"
        + "9.000001,Hai,ho-tich,,,,A,\n"  # duplicate code
        + "9.000002,Ba,khong-co,,,,A,\n"  # unknown field
        + "9.000003,Bốn,ho-tich,,,,Z,\n"  # unknown service
        + "9.000004,Năm,ho-tich,,Đơn | bản nháp | 1,,A,\n"  # bad document kind
        + "1.001193,Đăng ký khai sinh (sửa),ho-tich,,,đôi khi,A,mười\n"  # bad online, bad days
        + "abc,,ho-tich,,,,A,\n"  # bad code, no name
    )
    problems = rejected(csv.encode())
    assert any(p.startswith("3: ") and "trùng với dòng 2" in p for p in problems)
    assert any(p.startswith("4: ") and "khong-co" in p for p in problems)
    assert any(p.startswith("5: ") and "Z" in p for p in problems)
    assert any(p.startswith("6: ") and "bản nháp" in p for p in problems)
    assert sum(p.startswith("7: ") for p in problems) == 2
    assert sum(p.startswith("8: ") for p in problems) == 2
    assert db.session.scalar(select(Procedure).filter_by(code="1.001193")).name == "Đăng ký khai sinh"


def test_wrong_encoding_missing_columns_and_huge_file(demo):
    # Not UTF-8: what a legacy tool may write
    latin = HEADER.encode() + "9.000001,Đăng ký,ho-tich,,,,A,\n".encode("utf-16-le")
    assert "UTF-8" in rejected(latin)[0]
    assert "field_code" in rejected(b"code,name\n1.001193,X\n")[0]
    assert "quá lớn" in rejected(b"x" * (50 * 1024 * 1024))[0]
    assert rejected(b"") and rejected(b"{not json", "json") and rejected(b'{"procedures": [1]}', "json")


@pytest.mark.parametrize("depth", [9, 5_000, 200_000])
def test_deeply_nested_json_is_refused_with_a_clear_line(demo, depth):
    problems = rejected(("[" * depth + "]" * depth).encode(), "json")
    assert problems == ["Tệp JSON lồng nhau quá sâu (tối đa 8 cấp)."]


def test_a_nul_byte_and_an_overlong_fee_are_refused(demo):
    nul = HEADER.encode() + b"9.000001,Ten\x00,ho-tich,,,,,\n"
    assert rejected(nul) == ["2: Tệp chứa ký tự NUL (\\0), không phải văn bản."]
    fee = {
        "procedures": [
            {"code": "9.000001", "name": "Thủ tục", "field_code": "ho-tich", "fees": "x" * 100_000}
        ]
    }
    problems = rejected(json.dumps(fee).encode(), "json")
    assert problems == ["1: Ô “fees” dài quá 2000 ký tự."]
    assert count() == 27


def test_the_import_command_says_the_file_is_nested_too_deeply(app, demo, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"procedures": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = app.test_cli_runner().invoke(args=["procedures", "import", str(path)])
    assert result.exit_code == 1
    assert "Tệp JSON lồng nhau quá sâu (tối đa 8 cấp)." in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
