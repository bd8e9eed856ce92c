"""Demo data: one ward centre with six services and six counters. Demo accounts only (password below)."""

from functools import lru_cache

from werkzeug.security import generate_password_hash

from models import Counter, CounterService, Device, DeviceKind, Role, Service, Site, User, db
from models.priority import add_default_categories

from .demo_catalogue import load_demo_catalogue

DEMO_PASSWORD = "motcua-demo"
DEMO_KIOSK = "Ki-ốt demo"

SITE = {
    "code": "phuong-demo",
    "name": "Trung tâm Phục vụ hành chính công phường Ba Đình",
    "address": "Số 1 phố Đội Cấn, phường Ba Đình, Thành phố Hà Nội",
    "opening_hours": "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00; Sáng thứ Bảy: 7:30 – 11:30",
    "dossier_signer_name": "Nguyễn Văn Bình",
    "dossier_signer_title": "Giám đốc Trung tâm",
}

SERVICES = [
    ("A", "Hộ tịch", "Khai sinh, kết hôn, khai tử, xác nhận tình trạng hôn nhân"),
    ("B", "Chứng thực", "Chứng thực bản sao, chữ ký, hợp đồng"),
    ("C", "Đất đai", "Cấp đổi, cấp lại giấy chứng nhận, đăng ký biến động"),
    ("D", "Hộ kinh doanh", "Đăng ký thành lập, thay đổi, tạm ngừng hộ kinh doanh"),
    ("E", "Bảo trợ xã hội", "Trợ cấp xã hội, hỗ trợ mai táng, người có công"),
    ("G", "Tiếp nhận chung", "Các thủ tục khác, hỏi đáp, trả kết quả"),
]

# The kiosk buttons' icons (models/service_icons.py).
ICONS = {"A": "family", "B": "stamp", "C": "house", "D": "briefcase", "E": "heart", "G": "info"}

# counter number → the prefixes it serves, in the order it prefers them
COUNTERS = {
    1: ("Hộ tịch", "A"),
    2: ("Hộ tịch, Chứng thực", "AB"),
    3: ("Chứng thực", "B"),
    4: ("Đất đai", "C"),
    5: ("Hộ kinh doanh, Bảo trợ xã hội", "DE"),
    6: ("Tiếp nhận chung", "GAB"),
}


@lru_cache(maxsize=1)
def _demo_password_hash() -> str:
    # Hashing is slow by design; every demo account shares the one password, so hash it once.
    return generate_password_hash(DEMO_PASSWORD)


def seed_demo(session=None) -> Site:
    session = session or db.session
    site = Site(**SITE)
    session.add(site)
    session.flush()
    add_default_categories(session, site.id)
    services = {}
    for position, (prefix, name, description) in enumerate(SERVICES):
        services[prefix] = Service(
            site=site,
            prefix=prefix,
            name=name,
            description=description,
            position=position,
            icon=ICONS[prefix],
        )
        session.add(services[prefix])
    for number, (name, prefixes) in COUNTERS.items():
        counter = Counter(site=site, number=number, name=name)
        counter.links = [CounterService(service=services[p], position=i) for i, p in enumerate(prefixes)]
        session.add(counter)
        # Its rating tablet: the link is on /admin/rating-tablets and /admin/devices.
        session.add(
            Device(site=site, kind=DeviceKind.TABLET, name=f"Máy tính bảng quầy {number}", counter=counter)
        )
    # An enrolled kiosk: `flask serve` prints its enrolment link, so the demo kiosk can issue tickets.
    session.add(Device(site=site, kind=DeviceKind.KIOSK, name=DEMO_KIOSK, settings={}))
    admin = User(username="admin", full_name="Quản trị hệ thống", role=Role.ADMIN, site=site)
    admin.password_hash = _demo_password_hash()
    session.add(admin)
    officers = [
        "Nguyễn Thị Lan",
        "Trần Văn Minh",
        "Lê Thị Hồng",
        "Phạm Quốc Huy",
        "Hoàng Thu Trang",
        "Vũ Đức Anh",
    ]
    for index, full_name in enumerate(officers, start=1):
        officer = User(username=f"canbo{index}", full_name=full_name, role=Role.OFFICER, site=site)
        officer.password_hash = _demo_password_hash()
        session.add(officer)
    session.commit()
    load_demo_catalogue(session)
    return site
