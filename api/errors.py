"""Every API error is JSON {"error": {"code", "message"}} with a 4xx status (503 when the database is busy);
never an HTML page, never a 500."""

from flask import jsonify
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from models import db
from models.errors import DatabaseBusy, RuleError

from . import bp


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str, **details):
    body = {"error": {"code": code, "message": str(message)}}
    if details:
        body["error"]["details"] = details
    return jsonify(body), status


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return error_response(error.status, error.code, error.message)


@bp.errorhandler(RuleError)
def _rule_error(error: RuleError):
    return error_response(error.status, error.code, error.message)


@bp.errorhandler(OperationalError)
def _database_error(error: OperationalError):
    db.session.rollback()
    return error_response(503, DatabaseBusy.code, DatabaseBusy.message)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    codes = {
        400: "bad_request",
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        415: "unsupported",
    }
    messages = {404: _("Không tìm thấy."), 405: _("Phương thức không được hỗ trợ.")}
    status = error.code or 400
    return error_response(status, codes.get(status, "error"), messages.get(status, error.description))


def json_body() -> dict:
    """The request's JSON object, or a clear 400."""
    from flask import request

    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("Nội dung yêu cầu phải là một đối tượng JSON."))
    return data
