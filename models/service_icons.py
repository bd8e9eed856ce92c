"""The kiosk's service icons: a small set drawn for Một Cửa (static/icons/services.svg holds one <symbol> per
name), chosen in the service form. Named, never uploaded: the pages allow no inline style or foreign image, and
a fixed set keeps every kiosk readable."""

from flask_babel import lazy_gettext as _l

ICONS = {
    "": _l("Không có biểu tượng"),
    "family": _l("Gia đình, hộ tịch"),
    "house": _l("Nhà ở, đất đai"),
    "document": _l("Giấy tờ"),
    "stamp": _l("Chứng thực, con dấu"),
    "briefcase": _l("Kinh doanh"),
    "building": _l("Xây dựng"),
    "coins": _l("Thuế, tài chính"),
    "heart": _l("Chính sách xã hội, bảo hiểm"),
    "car": _l("Giao thông, phương tiện"),
    "leaf": _l("Nông nghiệp, môi trường"),
    "people": _l("Lao động, việc làm"),
    "info": _l("Hướng dẫn, thông tin"),
}
