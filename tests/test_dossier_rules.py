"""The dossier rules: receipt (code, due date, numbering), the state machine, the pause for completion and the
one apology per dossier."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from models import Dossier, DossierEvent, DossierStatus, Procedure, Timeliness, db
from models.dossier_due import NoTimeLimit
from models.dossier_rules import (
    Applicant,
    InvalidDossier,
    Receipt,
    change_status,
    issue_apology,
    receive_dossier,
)
from models.errors import NotFound
from models.transaction import perform

FRIDAY_AFTERNOON = datetime(2026, 3, 6, 7, 0)  # 14:00 in Hà Nội


def procedure(code: str) -> Procedure:
    return db.session.scalar(select(Procedure).filter_by(code=code))


def receive(demo, code="1.004873", now=FRIDAY_AFTERNOON, **changes) -> Dossier:
    receipt = Receipt(
        procedure_id=procedure(code).id,
        applicant=Applicant("Nguyễn Thị Hoà", "0912 345 678", "Số 3 Đội Cấn"),
        documents=[{"name": "Tờ khai", "kind": "original", "quantity": 1}],
        fee=0,
    )
    for name, value in changes.items():
        setattr(receipt, name, value)
    return perform(db.session, receive_dossier, demo.site.id, demo.users["canbo1"], receipt, now=now)


def move(demo, dossier, status, reason="", now=None, user="canbo1"):
    return perform(db.session, change_status, dossier.id, demo.users[user], status, reason, now=now)


def test_a_receipt_gets_the_national_code_and_its_due_date(demo):
    first = receive(demo)
    second = receive(demo)
    assert first.code == "PHUONG-DEMO-260306-0001"
    assert second.code == "PHUONG-DEMO-260306-0002"
    assert first.due_date == first.first_due_date == date(2026, 3, 11)  # 3 working days from a Friday
    assert first.status == DossierStatus.RECEIVED
    assert first.applicant_phone == "0912345678"
    assert first.initial == "N."
    assert [e.to_status for e in first.events] == [DossierStatus.RECEIVED]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applicant": Applicant("", "0912345678")}, "name"),
        ({"applicant": Applicant("An", "12ab")}, "phone"),
        ({"applicant": Applicant("An", "0912345678", email="not-an-address")}, "email"),
        ({"fee": -1}, "fee"),
        ({"delivery": "drone"}, "delivery"),
    ],
)
def test_bad_receipts_are_refused_and_write_nothing(demo, changes, field):
    with pytest.raises(InvalidDossier) as refused:
        receive(demo, **changes)
    assert refused.value.details.get("field") == field
    assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_forty_documents_with_long_names_are_kept_and_a_hundred_and_one_refused(demo):
    items = [{"name": "Giấy tờ " + "rất dài " * 50, "kind": "copy", "quantity": 2}] * 40
    assert len(receive(demo, documents=items).documents) == 40
    with pytest.raises(InvalidDossier):
        receive(demo, documents=items * 3)


def test_a_procedure_with_no_time_limit_is_refused(demo):
    bare = Procedure(code="9.999999", name="Thủ tục chưa có thời hạn")
    db.session.add(bare)
    db.session.commit()
    with pytest.raises(NoTimeLimit):
        receive(demo, code="9.999999")
    assert db.session.scalar(select(func.count()).select_from(Dossier)) == 0


def test_the_normal_path_and_an_early_result(demo):
    dossier = receive(demo)
    move(demo, dossier, DossierStatus.PROCESSING, now=datetime(2026, 3, 9, 2))
    move(demo, dossier, DossierStatus.RESULT_READY, now=datetime(2026, 3, 10, 2))
    assert dossier.timeliness == Timeliness.EARLY
    move(demo, dossier, DossierStatus.RETURNED, now=datetime(2026, 3, 12, 2))
    assert dossier.status == DossierStatus.RETURNED and dossier.finished_at is not None
    log = db.session.scalars(select(DossierEvent).filter_by(dossier_id=dossier.id).order_by(DossierEvent.id))
    assert [(e.from_status, e.to_status, e.user.username) for e in log] == [
        (None, "received", "canbo1"),
        ("received", "processing", "canbo1"),
        ("processing", "result_ready", "canbo1"),
        ("result_ready", "returned", "canbo1"),
    ]


def test_out_of_order_moves_and_missing_reasons_are_refused(demo):
    dossier = receive(demo)
    with pytest.raises(InvalidDossier):
        move(demo, dossier, DossierStatus.RETURNED)  # returned before the result is ready
    with pytest.raises(InvalidDossier):
        move(demo, dossier, DossierStatus.REFUSED)  # Mẫu 03 needs its reason
    with pytest.raises(InvalidDossier):
        move(demo, dossier, "lost")
    move(demo, dossier, DossierStatus.REFUSED, "Không thuộc thẩm quyền")
    with pytest.raises(InvalidDossier):
        move(demo, dossier, DossierStatus.PROCESSING)  # refused is final
    db.session.refresh(dossier)
    assert dossier.status == DossierStatus.REFUSED


def test_two_officers_acting_on_the_same_state_get_one_winner(demo):
    from models.dossier_rules import DossierChanged

    dossier = receive(demo)
    move(demo, dossier, DossierStatus.PROCESSING)
    with pytest.raises(DossierChanged):
        perform(
            db.session,
            change_status,
            dossier.id,
            demo.users["canbo2"],
            DossierStatus.SUPPLEMENT,
            "Thiếu bản sao",
            expected=DossierStatus.RECEIVED,
        )


def test_a_request_to_complete_pauses_the_time_limit(demo):
    dossier = receive(demo)  # due Wed 11/3
    # Asked on Mon 9/3 with 2 working days left (Tue, Wed); the citizen comes back on Mon 16/3.
    move(demo, dossier, DossierStatus.SUPPLEMENT, "Thiếu bản sao CCCD", now=datetime(2026, 3, 9, 2))
    assert dossier.paused_days_left == 2
    move(demo, dossier, DossierStatus.PROCESSING, now=datetime(2026, 3, 16, 2))
    assert dossier.due_date == date(2026, 3, 18)
    assert dossier.first_due_date == date(2026, 3, 11)


def test_late_results_and_an_apology(demo):
    late = receive(demo)
    move(demo, late, DossierStatus.RESULT_READY, now=datetime(2026, 3, 12, 2))
    assert late.timeliness == Timeliness.LATE

    sorry = receive(demo)
    perform(
        db.session,
        issue_apology,
        sorry.id,
        demo.users["canbo1"],
        "Cần xác minh thêm tại địa phương",
        date(2026, 3, 17),
        now=datetime(2026, 3, 11, 2),
    )
    assert sorry.due_date == date(2026, 3, 17) and sorry.first_due_date == date(2026, 3, 11)
    assert sorry.apology_signer == "Nguyễn Văn Bình"
    with pytest.raises(InvalidDossier):  # one extension per dossier
        perform(db.session, issue_apology, sorry.id, demo.users["canbo1"], "Lần nữa", date(2026, 3, 20))
    move(demo, sorry, DossierStatus.RESULT_READY, now=datetime(2026, 3, 16, 2))
    assert sorry.timeliness == Timeliness.LATE_WITH_APOLOGY


@pytest.mark.parametrize(
    ("new_date", "now"),
    [
        (date(2026, 3, 10), datetime(2026, 3, 9, 2)),  # not after the current date
        (date(2026, 3, 14), datetime(2026, 3, 9, 2)),  # a Saturday
        (date(2026, 3, 17), datetime(2026, 3, 12, 2)),  # already past the due date
    ],
)
def test_bad_apologies_are_refused(demo, new_date, now):
    dossier = receive(demo)
    with pytest.raises(InvalidDossier):
        perform(db.session, issue_apology, dossier.id, demo.users["canbo1"], "Lý do", new_date, now=now)
    db.session.refresh(dossier)
    assert dossier.apology_at is None and dossier.due_date == date(2026, 3, 11)


def test_staff_of_another_site_cannot_touch_a_dossier(demo, second_site):
    dossier = receive(demo)
    with pytest.raises(NotFound):
        perform(
            db.session, change_status, dossier.id, second_site.users["giamsat2"], DossierStatus.PROCESSING
        )
