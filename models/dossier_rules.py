"""The dossier rules: receive at the counter, move through the states, issue the apology (Mẫu 04). Each takes
a session, logs a DossierEvent with who and when, announces a signal and returns the dossier; run them through
models.transaction.perform(). A state change is one conditional UPDATE from the state the caller saw, so two
officers acting at once give one winner and a clean 409 for the other."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from . import errors
from .base import utcnow
from .calendar import WorkCalendar
from .catalogue import DocumentKind, Procedure
from .clock import local_day, to_local
from .dossier import Delivery, Dossier, DossierEvent, DossierStatus, Timeliness
from .dossier_due import due_date
from .dossier_numbering import MAX_PER_DAY, dossier_code, next_dossier_number
from .signals import announce, dossier_apology_issued, dossier_changed
from .site import Site
from .ticket import Ticket
from .user import User

_PHONE = re.compile(r"\+?[0-9]{8,15}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}")
MAX_DOCUMENTS = 100
MAX_FEE = 1_000_000_000
# A reason is required where the law asks for one in writing.
_NEEDS_REASON = (DossierStatus.SUPPLEMENT, DossierStatus.REFUSED, DossierStatus.STOPPED)


class DossierChanged(errors.RuleError):
    code = "dossier_changed"
    message = _l("Hồ sơ vừa được cập nhật bằng một thao tác khác. Hãy xem lại.")


class InvalidDossier(errors.RuleError):
    code = "invalid_dossier"
    status = 422
    message = _l("Thông tin hồ sơ không hợp lệ.")


@dataclass
class Applicant:
    name: str
    phone: str
    address: str = ""
    email: str = ""


@dataclass
class Receipt:
    """What the officer entered at the counter."""

    procedure_id: int | None
    applicant: Applicant
    documents: list = field(default_factory=list)
    fee: int = 0
    delivery: str = Delivery.CENTRE
    ticket_id: int | None = None


def _clean(value, limit: int, what, field: str, *, required: bool = False) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if required and not text:
        raise InvalidDossier(_l("Cần nhập %(what)s.", what=what), field=field)
    if len(text) > limit:
        raise InvalidDossier(_l("%(what)s dài quá %(n)d ký tự.", what=what, n=limit), field=field)
    return text


def _applicant(applicant: Applicant) -> Applicant:
    name = _clean(applicant.name, 200, _l("họ và tên người nộp"), "name", required=True)
    phone = (
        _clean(applicant.phone, 20, _l("số điện thoại"), "phone", required=True)
        .replace(" ", "")
        .replace(".", "")
    )
    if not _PHONE.fullmatch(phone):
        raise InvalidDossier(_l("Số điện thoại không hợp lệ (8 đến 15 chữ số)."), field="phone")
    address = _clean(applicant.address, 300, _l("địa chỉ"), "address")
    email = _clean(applicant.email, 200, _l("thư điện tử"), "email")
    if email and not _EMAIL.fullmatch(email):
        raise InvalidDossier(_l("Địa chỉ thư điện tử không hợp lệ."), field="email")
    return Applicant(name, phone, address, email)


def _documents(items) -> list[dict]:
    if not isinstance(items, list) or len(items) > MAX_DOCUMENTS:
        raise InvalidDossier(_l("Danh sách giấy tờ không hợp lệ (tối đa %(n)d mục).", n=MAX_DOCUMENTS))
    cleaned = []
    for item in items:
        if not isinstance(item, dict):
            raise InvalidDossier(_l("Danh sách giấy tờ không hợp lệ (tối đa %(n)d mục).", n=MAX_DOCUMENTS))
        name = _clean(item.get("name"), 500, _l("tên giấy tờ"), "documents", required=True)
        kind = item.get("kind", DocumentKind.ORIGINAL)
        quantity = item.get("quantity", 1)
        if kind not in DocumentKind.ALL:
            raise InvalidDossier(_l("Loại giấy tờ không hợp lệ."))
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 99:
            raise InvalidDossier(_l("Số lượng giấy tờ phải từ 1 đến 99."))
        cleaned.append({"name": name, "kind": kind, "quantity": quantity})
    return cleaned


def log_dossier(session, dossier: Dossier, type_: str, at: datetime, user: User | None, **extra) -> None:
    session.add(
        DossierEvent(
            dossier=dossier,
            at=at,
            user_id=user.id if user else None,
            type=type_,
            from_status=extra.pop("from_status", None),
            to_status=extra.pop("to_status", None),
            reason=extra.pop("reason", ""),
            data=extra,
        )
    )


def receive_dossier(session, site_id: int, officer: User, receipt: Receipt, *, now: datetime | None = None):
    """Receive a dossier at a site: number it, count its due date, log it.

    :raise NotFound: no such procedure (or ticket of this site).
    :raise NoTimeLimit: the procedure has no time limit to count.
    :raise InvalidDossier: a field is missing or wrong.
    """
    now = now or utcnow()
    site = session.get(Site, site_id)
    procedure = session.get(Procedure, receipt.procedure_id) if receipt.procedure_id else None
    if site is None or procedure is None:
        raise errors.NotFound(_l("Không có thủ tục này."))
    ticket = None
    if receipt.ticket_id is not None:
        ticket = session.get(Ticket, receipt.ticket_id)
        if ticket is None or ticket.site_id != site.id:
            raise errors.NotFound(_l("Không có số thứ tự này tại trung tâm."))
    applicant = _applicant(receipt.applicant)
    documents = _documents(receipt.documents)
    if isinstance(receipt.fee, bool) or not isinstance(receipt.fee, int) or not 0 <= receipt.fee <= MAX_FEE:
        raise InvalidDossier(_l("Phí, lệ phí không hợp lệ."), field="fee")
    if receipt.delivery not in Delivery.ALL:
        raise InvalidDossier(_l("Hình thức nhận kết quả không hợp lệ."), field="delivery")

    calendar = WorkCalendar(session, site.id)
    due = due_date(calendar, procedure, to_local(now, site.timezone))
    day = local_day(now, site.timezone)
    number = next_dossier_number(session, site.id, day)
    if number > MAX_PER_DAY:
        raise InvalidDossier(_l("Trung tâm đã tiếp nhận đủ %(n)d hồ sơ trong ngày.", n=MAX_PER_DAY))
    dossier = Dossier(
        site_id=site.id,
        day=day,
        number=number,
        code=dossier_code(site.code, day, number),
        procedure=procedure,
        ticket=ticket,
        officer_id=officer.id,
        applicant_name=applicant.name,
        applicant_phone=applicant.phone,
        applicant_address=applicant.address,
        applicant_email=applicant.email,
        documents=documents,
        fee=receipt.fee,
        delivery=receipt.delivery,
        status=DossierStatus.RECEIVED,
        received_at=now,
        due_date=due,
        first_due_date=due,
    )
    session.add(dossier)
    session.flush()
    log_dossier(
        session, dossier, "received", now, officer, to_status=DossierStatus.RECEIVED, due=due.isoformat()
    )
    announce(session, dossier_changed, dossier=dossier)
    return dossier


def _timeliness(dossier: Dossier, ready_day: date) -> str:
    if ready_day > dossier.due_date:
        return Timeliness.LATE
    if dossier.apology_at is not None:
        return Timeliness.LATE_WITH_APOLOGY
    return Timeliness.EARLY if ready_day < dossier.due_date else Timeliness.ON_TIME


def change_status(
    session,
    dossier_id: int,
    user: User,
    status: str,
    reason: str = "",
    *,
    expected: str | None = None,
    now: datetime | None = None,
):
    """Move a dossier to `status` along DossierStatus.NEXT.

    Asking the citizen to complete the dossier (Mẫu 02) pauses the time limit: the working days left are kept,
    and when the completed dossier comes back (→ processing) the due date is counted again from that day.

    :raise NotFound: no such dossier, or it belongs to a site the user may not use.
    :raise InvalidDossier: a status out of order, or a missing reason.
    :raise DossierChanged: someone else changed it first.
    """
    now = now or utcnow()
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or not user.may_use_site(dossier.site_id):
        raise errors.NotFound(_l("Không tìm thấy hồ sơ."))
    current = expected or dossier.status
    if dossier.status != current or status == current:
        raise DossierChanged()  # another action got there first (or this one is a second click)
    if status not in DossierStatus.NEXT.get(current, ()):
        raise InvalidDossier(
            _l(
                "Không thể chuyển hồ sơ từ “%(a)s” sang “%(b)s”.",
                a=DossierStatus.label(current),
                b=DossierStatus.label(status),
            ),
            field="status",
        )
    reason = _clean(reason, 2000, _l("lý do"), "reason", required=status in _NEEDS_REASON)
    today = local_day(now, dossier.site.timezone)
    calendar = WorkCalendar(session, dossier.site_id)
    values: dict = {"status": status}
    if status == DossierStatus.SUPPLEMENT:
        values["paused_days_left"] = calendar.working_days_between(today, dossier.due_date)
    elif current == DossierStatus.SUPPLEMENT and status == DossierStatus.PROCESSING:
        values["due_date"] = calendar.add_working_days(today, dossier.paused_days_left or 0)
        values["paused_days_left"] = None
    if status == DossierStatus.RESULT_READY:
        values["result_ready_at"] = now
        values["timeliness"] = _timeliness(dossier, today)
    if status == DossierStatus.RETURNED:
        values["returned_at"] = now
    if status in DossierStatus.FINISHED:
        values["finished_at"] = now
    changed = session.execute(
        update(Dossier).where(Dossier.id == dossier.id, Dossier.status == current).values(**values)
    ).rowcount
    if changed != 1:
        raise DossierChanged()
    session.refresh(dossier)
    log_dossier(session, dossier, "status", now, user, from_status=current, to_status=status, reason=reason)
    announce(session, dossier_changed, dossier=dossier)
    return dossier


def issue_apology(
    session, dossier_id: int, user: User, reason: str, new_due_date, *, now: datetime | None = None
):
    """Mẫu 04: before the due date, apologise and set a new date, once per dossier.

    :raise NotFound: no such dossier (or of another site).
    :raise InvalidDossier: no reason, a new date not after the current one or not a working day, a dossier
        already past its date or finished, or a second extension.
    """
    now = now or utcnow()
    dossier = session.get(Dossier, dossier_id)
    if dossier is None or not user.may_use_site(dossier.site_id):
        raise errors.NotFound(_l("Không tìm thấy hồ sơ."))
    if dossier.apology_at is not None:
        raise InvalidDossier(_l("Hồ sơ này đã được gia hạn một lần; không gia hạn lần thứ hai."))
    if dossier.status not in DossierStatus.OPEN:
        raise InvalidDossier(_l("Hồ sơ đã có kết quả hoặc đã kết thúc, không cần xin lỗi, gia hạn."))
    today = local_day(now, dossier.site.timezone)
    if today > dossier.due_date:
        raise InvalidDossier(_l("Văn bản xin lỗi phải được gửi trước ngày hẹn trả kết quả."))
    reason = _clean(reason, 2000, _l("lý do"), "reason", required=True)
    if not isinstance(new_due_date, date) or isinstance(new_due_date, datetime):
        raise InvalidDossier(_l("Ngày hẹn mới không hợp lệ."), field="new_due_date")
    if new_due_date <= dossier.due_date or new_due_date.year > today.year + 2:
        raise InvalidDossier(_l("Ngày hẹn mới phải sau ngày hẹn hiện tại."), field="new_due_date")
    if not WorkCalendar(session, dossier.site_id).is_working_day(new_due_date):
        raise InvalidDossier(_l("Ngày hẹn mới phải là một ngày làm việc."), field="new_due_date")
    site = dossier.site
    old_due = dossier.due_date
    changed = session.execute(
        update(Dossier)
        .where(Dossier.id == dossier.id, Dossier.apology_at.is_(None))
        .values(
            apology_at=now,
            apology_reason=reason,
            apology_by_id=user.id,
            apology_signer=site.dossier_signer_name,
            apology_signer_title=site.dossier_signer_title,
            due_date=new_due_date,
        )
    ).rowcount
    if changed != 1:
        raise DossierChanged()
    session.refresh(dossier)
    log_dossier(
        session,
        dossier,
        "apology",
        now,
        user,
        reason=reason,
        old_due=old_due.isoformat(),
        new_due=new_due_date.isoformat(),
    )
    announce(session, dossier_changed, dossier=dossier)
    announce(session, dossier_apology_issued, dossier=dossier)
    return dossier
