"""Every API error is JSON {"error": {"code", "message"}} with a 4xx status (503 when the database is busy);
never an HTML page, never a 500. Codes and messages come from the one map in motcua/errors.py."""

from flask import request
from flask_babel import gettext as _
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.exceptions import HTTPException

from models.errors import RuleError
from motcua.db_session import reset_session
from motcua.errors import error_response, http_message

from . import bp


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error.status, error.code, error.message)


@bp.errorhandler(RuleError)
def _rule_error(error: RuleError):
    return error_response(error.status, error.code, error.message)


@bp.errorhandler(OperationalError)
def _database_error(error: OperationalError):
    reset_session()
    return error_response(503)


@bp.errorhandler(DataError)
def _data_error(error: DataError):
    reset_session()
    return error_response(400)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    return error_response(error.code or 400, message=http_message(error))


def json_body() -> dict:
    """The request's JSON object, or a clear 400 (not JSON, not an object, or nested too deeply)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("Nội dung yêu cầu phải là một đối tượng JSON."))
    return data
