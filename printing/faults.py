"""Why a print did not happen, with a stable code for the records and a message for staff."""

import errno

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "config": _l("Cấu hình máy in không hợp lệ."),
    "unreachable": _l("Không kết nối được với máy in."),
    "refused": _l("Máy in từ chối kết nối (máy tắt hoặc sai cổng)."),
    "no_reply": _l("Máy in không phản hồi."),
    "timeout": _l("Máy in không in xong trong thời hạn."),
    "paper_out": _l("Máy in hết giấy."),
    "cover_open": _l("Nắp máy in đang mở."),
    "offline": _l("Máy in đang ngoại tuyến (lỗi hoặc đang chờ)."),
    "error": _l("Máy in gặp lỗi khi in."),
}


class PrinterFault(Exception):
    def __init__(self, code: str, message=None):
        self.code = code if code in MESSAGES else "error"
        self.message = message if message is not None else MESSAGES[self.code]
        super().__init__(str(self.message))

    @classmethod
    def from_connect_error(cls, error: BaseException) -> "PrinterFault":
        cause = error
        while cause is not None and not isinstance(cause, OSError):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return cls("refused")
        if isinstance(cause, TimeoutError):
            return cls("no_reply")
        text = str(error).lower()
        if "refused" in text:
            return cls("refused")
        if "timed out" in text:
            return cls("no_reply")
        return cls("unreachable")
