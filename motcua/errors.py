"""Error pages for the screens. The API has its own JSON errors (api/errors.py); no path shows a 500 page
with a traceback."""

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from models import db
from models.errors import DatabaseBusy, RuleError


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "too_many_requests",
    503: "busy",
}


def _page(status: int, message: str):
    if _wants_json():
        return jsonify({"error": {"code": _CODES.get(status, "error"), "message": message}}), status
    return render_template("error.html", status=status, message=message), status


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(error):
        return _page(400, _("Phiên làm việc đã hết hạn. Xin vui lòng tải lại trang và thử lại."))

    @app.errorhandler(RuleError)
    def _rule(error: RuleError):
        return _page(error.status, str(error.message))

    @app.errorhandler(OperationalError)
    def _database(error: OperationalError):
        db.session.rollback()
        app.logger.warning("Database unavailable on %s: %s", request.path, error.orig)
        return _page(503, str(DatabaseBusy.message))

    @app.errorhandler(413)
    def _too_large(error):
        # An app code handler outranks the API blueprint's catch-all: the JSON shape is made here too.
        limit_mb = max(1, (app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024))
        return _page(413, _("Nội dung gửi lên quá lớn (tối đa %(mb)s MB).", mb=limit_mb))

    @app.errorhandler(429)
    def _too_many(error):
        # Flask-Limiter: a view's own answer (the sign-in form, the rating fragment) when it gave one. A
        # code handler on the app outranks the API blueprint's catch-all, so the JSON shape is made here.
        if getattr(error, "response", None) is not None:
            return error.response
        return _page(429, error.description)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        messages = {
            404: _("Không tìm thấy trang này."),
            405: _("Thao tác không được hỗ trợ."),
        }
        return _page(error.code or 500, messages.get(error.code, error.description or error.name))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return _page(500, _("Đã có lỗi xảy ra. Xin vui lòng thử lại hoặc báo cán bộ hướng dẫn."))
