"""The procedure slip's plain interface, built from today's Procedure fields.

The catalogue (issue 3) will restructure Procedure.documents; only slip_from_procedure() needs to follow.
"""

from flask_babel import gettext as _

from models import Procedure

from .documents import slip_labels
from .render import SlipContent


def document_lines(text: str) -> list[str]:
    """One document per line; list markers ("-", "•", "1.") and blank lines dropped."""
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("-•*+").strip()
        head, dot, rest = line.partition(".")
        if dot and head.isdigit() and rest.strip():
            line = rest.strip()
        if line:
            lines.append(line)
    return lines


def slip_from_procedure(procedure: Procedure, centre: str = "") -> SlipContent:
    return SlipContent(
        heading=_("HỒ SƠ CẦN CHUẨN BỊ"),
        title=procedure.name,
        code=procedure.code,
        documents=document_lines(procedure.documents),
        processing_time=procedure.processing_time or "",
        fees=procedure.fees or "",
        centre=centre,
        labels=slip_labels(),
    )
