"""What the screens ask about dossiers: one by its code or public token, the lists by state, the watch list."""

from datetime import date

from sqlalchemy import select

from .calendar import WorkCalendar
from .dossier import Dossier, DossierStatus

MAX_CODE_LENGTH = 60  # the width of Dossier.code


def normalise_code(text) -> str | None:
    """A typed code as stored (upper case, no spaces); None for anything that cannot be one."""
    if not isinstance(text, str):
        return None
    code = "".join(text.split()).upper()
    if not 0 < len(code) <= MAX_CODE_LENGTH or not all(c.isalnum() or c == "-" for c in code):
        return None
    return code


def dossier_by_code(session, text, site_id: int | None = None) -> Dossier | None:
    code = normalise_code(text)
    if code is None:
        return None
    query = select(Dossier).where(Dossier.code == code)
    if site_id is not None:
        query = query.where(Dossier.site_id == site_id)
    return session.scalar(query)


def dossier_by_token(session, token) -> Dossier | None:
    if not isinstance(token, str) or not 0 < len(token) <= 32 or "\x00" in token:
        return None
    return session.scalar(select(Dossier).where(Dossier.token == token))


def dossier_by_code_or_token(session, text) -> Dossier | None:
    """The public page's look-up: the token printed in the QR code, or the code typed from Mẫu 01."""
    return dossier_by_token(session, text) or dossier_by_code(session, text)


def dossiers_by_status(session, site_id: int, status: str | None, limit: int = 200) -> list[Dossier]:
    query = select(Dossier).where(Dossier.site_id == site_id)
    if status in DossierStatus.ALL:
        query = query.where(Dossier.status == status)
    return list(session.scalars(query.order_by(Dossier.due_date, Dossier.id).limit(limit)))


def watch_list(session, site_id: int, today: date) -> tuple[list[Dossier], list[Dossier]]:
    """(late, due soon): open dossiers already past their date, and those due by the next working day.
    A dossier waiting for the citizen to complete it is paused and on neither list."""
    horizon = WorkCalendar(session, site_id).next_working_day(today, include=False)
    rows = session.scalars(
        select(Dossier)
        .where(
            Dossier.site_id == site_id,
            Dossier.status.in_((DossierStatus.RECEIVED, DossierStatus.PROCESSING)),
            Dossier.due_date <= horizon,
        )
        .order_by(Dossier.due_date, Dossier.id)
    ).all()
    return [d for d in rows if d.due_date < today], [d for d in rows if d.due_date >= today]
