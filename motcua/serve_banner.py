"""What the server prints when it starts: where each screen is, and the demo accounts when they exist."""

from sqlalchemy import func, select

from models import Device, User, db

from .db_wait import wait_for_database
from .demo import DEMO_KIOSK, DEMO_PASSWORD
from .kiosk_keys import enrolment_path


def print_banner(echo, base: str) -> None:
    """Waits for the database first (a server started with it must not die on its first request)."""
    wait_for_database(echo)
    echo(
        "\nMột Cửa is running.\n"
        f"  Kiosk           {base}/kiosk/ (issues tickets once enrolled: its link is in the back office)\n"
        f"  Counter         {base}/counter/\n"
        f"  Wall display    {base}/display/\n"
        f"  Procedures      {base}/procedures/\n"
        f"  Back office     {base}/admin/\n"
        f"  API             {base}/api/v1/services\n"
    )
    if db.session.scalar(select(func.count()).select_from(User).filter_by(username="admin")):
        echo(f"  Demo accounts: admin, canbo1 … canbo6 — password {DEMO_PASSWORD} (demo data only)")
        demo_kiosk = db.session.scalar(select(Device).filter_by(name=DEMO_KIOSK).order_by(Device.id).limit(1))
        if demo_kiosk is not None:
            # A kiosk issues tickets only once enrolled; open this link once in the kiosk's browser.
            echo(f"  Demo kiosk (opens it enrolled): {base}{enrolment_path(demo_kiosk)}")
        echo()
    db.session.remove()
