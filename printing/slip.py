"""The procedure slip's plain interface, built from the catalogue: the documents to bring (name, original or
copy, how many), the processing time and the centre's own fee."""

from flask_babel import gettext as _

from models import Procedure, db
from models.catalogue_fees import fees_for

from .documents import slip_labels
from .render import SlipContent


def document_lines(procedure: Procedure) -> list[str]:
    """One line per document: "Tờ khai đăng ký khai sinh — Bản chính, 1 bản"."""
    return [
        _(
            "%(name)s — %(kind)s, %(quantity)s bản",
            name=doc.name,
            kind=doc.kind_label,
            quantity=doc.quantity,
        )
        for doc in procedure.document_items
    ]


def slip_from_procedure(procedure: Procedure, centre: str = "", site_id: int | None = None) -> SlipContent:
    fees, _own = fees_for(db.session, site_id, procedure)
    return SlipContent(
        heading=_("HỒ SƠ CẦN CHUẨN BỊ"),
        title=procedure.name,
        code=procedure.code,
        documents=document_lines(procedure),
        processing_time=procedure.processing_time or "",
        fees=fees or "",
        centre=centre,
        labels=slip_labels(),
    )
