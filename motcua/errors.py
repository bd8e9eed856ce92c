"""Every error, for the screens and the API alike: one map from HTTP status to a stable code and a Vietnamese
message. The screens get the error page, /api/ (and clients asking for JSON) get {"error": {"code",
"message"}}. No path shows a 500 page with a traceback, nor werkzeug's English pages."""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from models.errors import DatabaseBusy, RuleError

from .db_session import reset_session
from .web import wants_fragment

ERRORS = {
    400: ("bad_request", _l("Yêu cầu không hợp lệ. Xin vui lòng kiểm tra lại thông tin đã nhập.")),
    401: ("unauthorized", _l("Xin vui lòng đăng nhập để tiếp tục.")),
    403: ("forbidden", _l("Bạn không có quyền truy cập trang này.")),
    404: ("not_found", _l("Không tìm thấy trang này.")),
    405: ("method_not_allowed", _l("Thao tác không được hỗ trợ.")),
    413: ("too_large", _l("Dữ liệu gửi lên quá lớn.")),
    415: ("unsupported", _l("Kiểu dữ liệu gửi lên không được hỗ trợ.")),
    429: ("too_many_requests", _l("Có quá nhiều yêu cầu. Xin vui lòng chờ một lát rồi thử lại.")),
    500: ("error", _l("Đã có lỗi xảy ra. Xin vui lòng thử lại hoặc báo cán bộ hướng dẫn.")),
    503: (DatabaseBusy.code, DatabaseBusy.message),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, code: str | None = None, message=None, **details):
    """The JSON error or the error page for `status`; code and message default to the shared map's."""
    default_code, default_message = ERRORS.get(status, ERRORS[500] if status >= 500 else ERRORS[400])
    code, message = code or default_code, str(message or default_message)
    if wants_json():
        body = {"error": {"code": code, "message": message}}
        if details:
            body["error"]["details"] = details
        return jsonify(body), status
    if wants_fragment():
        # htmx swaps refusals into the element that asked (htmx-config in base.html): the message, not a page.
        return render_template("partials/error_message.html", status=status, message=message), status
    return render_template("error.html", status=status, message=message), status


def http_message(error: HTTPException):
    """Werkzeug's own descriptions are English; a description someone chose on purpose is kept."""
    if error.description and error.description != type(error).description:
        return error.description
    return None


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return error_response(
            400, None, _("Phiên làm việc đã hết hạn. Xin vui lòng tải lại trang và thử lại.")
        )

    @app.errorhandler(RuleError)
    def _rule(error: RuleError):
        return error_response(error.status, error.code, error.message)

    @app.errorhandler(OperationalError)
    def _database(error: OperationalError):
        # The connection may be the very thing that died: its rollback would raise again.
        reset_session()
        app.logger.warning("Database unavailable on %s: %s", request.path, error.orig)
        return error_response(503)

    @app.errorhandler(PoolTimeout)
    def _no_connection(error: PoolTimeout):
        # Every pooled connection stayed taken for DB_BUSY_SECONDS: busy, as for a lock that stays held.
        reset_session()
        app.logger.warning("No database connection free on %s: %s", request.path, error)
        return error_response(503, "busy")

    @app.errorhandler(DataError)
    def _data(error: DataError):
        # The last line of defence: a value the database refuses (out of range, too long) is the client's fault.
        reset_session()
        app.logger.warning("Database refused a value on %s: %s", request.path, error.orig)
        return error_response(400)

    @app.errorhandler(413)
    def _too_large(error):
        # An app code handler outranks the API blueprint's catch-all: the JSON shape is made here too.
        limit_mb = max(1, (app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024))
        return error_response(413, None, _("Nội dung gửi lên quá lớn (tối đa %(mb)s MB).", mb=limit_mb))

    @app.errorhandler(429)
    def _too_many(error):
        # Flask-Limiter: a view's own answer (the sign-in form, the rating fragment) when it gave one. A
        # code handler on the app outranks the API blueprint's catch-all, so the JSON shape is made here.
        if getattr(error, "response", None) is not None:
            return error.response
        return error_response(429, None, error.description)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        status = error.code or 500
        return error_response(status, message=http_message(error))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        reset_session()
        return error_response(500)
