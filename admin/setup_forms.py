"""What the set-up pages share: the form answered again with the refusal beside its field (400), and the
choices read from a form."""

from flask import flash, render_template

from models.errors import InvalidField, RuleError
from motcua.web import int_arg


def refused(template: str, error: RuleError, **context):
    """The form again with what was typed and the reason on top; an InvalidField's message also beside its
    field (a long form's field may be out of sight)."""
    errors = {}
    if isinstance(error, InvalidField):
        errors[error.field] = error.message
    flash(str(error.message), "error")
    return render_template(template, errors=errors, **context), error.status


def ids(values) -> list[int]:
    """Ids from a multi-value form field, in the order given; bad ones dropped (the rule checks the rest)."""
    return [i for i in (int_arg(v) for v in values[:200]) if i is not None]
