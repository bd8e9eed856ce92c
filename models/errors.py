"""Errors a rule raises when a request cannot be honoured. Each has a stable code for the API and a message
for people; the caller shows the message and nothing has been written."""

from flask_babel import lazy_gettext as _l


class RuleError(Exception):
    code = "rule_error"
    status = 409
    message = _l("Không thể thực hiện yêu cầu.")

    def __init__(self, message=None, **details):
        self.details = details
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotFound(RuleError):
    code = "not_found"
    status = 404
    message = _l("Không tìm thấy.")


class ServiceClosed(RuleError):
    code = "service_closed"
    message = _l("Dịch vụ này hiện không nhận số. Xin vui lòng hỏi cán bộ hướng dẫn.")


class ServiceFull(RuleError):
    code = "service_full"
    message = _l("Dịch vụ này đã hết số trong ngày hôm nay.")


class CounterClosed(RuleError):
    code = "counter_closed"
    message = _l("Quầy chưa mở.")


class CounterBusy(RuleError):
    code = "counter_busy"
    message = _l("Quầy đang phục vụ một số khác. Hãy hoàn tất hoặc đánh dấu vắng mặt trước khi gọi số mới.")


class TicketChanged(RuleError):
    """The ticket is no longer where the request expected it: another action (a double click, a second tab, a
    supervisor) got there first."""

    code = "ticket_changed"
    message = _l("Số này vừa được xử lý bằng một thao tác khác. Màn hình đã được cập nhật.")


class CounterChanged(RuleError):
    code = "counter_changed"
    message = _l("Quầy vừa thay đổi (cán bộ khác đã nhận hoặc quầy đã được giải phóng). Hãy xem lại.")


class UndoUnavailable(RuleError):
    code = "undo_unavailable"
    message = _l("Không thể hoàn tác: đã quá thời gian, hoặc quầy đã gọi số khác.")


class NoCurrentTicket(RuleError):
    code = "no_current_ticket"
    message = _l("Quầy chưa có số nào đang được phục vụ.")


class Forbidden(RuleError):
    code = "forbidden"
    status = 403
    message = _l("Bạn không có quyền thao tác tại quầy này.")


class InvalidTransfer(RuleError):
    code = "invalid_transfer"
    status = 400
    message = _l("Không thể chuyển số sang nơi đã chọn.")


class DatabaseBusy(RuleError):
    code = "busy"
    status = 503
    message = _l("Hệ thống đang bận, xin vui lòng thử lại sau giây lát.")


class InvalidField(RuleError):
    """A back-office form value the rules refuse; `field` names the input the message belongs beside."""

    code = "invalid"
    status = 400
    message = _l("Giá trị không hợp lệ.")

    def __init__(self, field: str, message=None, **details):
        self.field = field
        super().__init__(message, field=field, **details)


class InvalidReason(RuleError):
    code = "invalid_reason"
    status = 400
    message = _l("Hãy chọn một lý do trong danh sách.")


class ReturnWindowClosed(RuleError):
    code = "return_window_closed"
    status = 422
    message = _l("Đã quá thời gian cho số vắng mặt trở lại hàng chờ. Xin công dân lấy số mới.")


class InvalidPriority(RuleError):
    code = "invalid_priority_category"
    status = 400
    message = _l("Không có nhóm ưu tiên này tại trung tâm.")
