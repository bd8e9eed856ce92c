"""From an officer's call-next request to the wall display hearing `ticket_called`, through a real server
process (and Redis, when SOCKETIO_MESSAGE_QUEUE is set)."""

import threading
import time

import requests
import socketio

from bench.common import fresh_app, summary
from devserver import running_server


def main(calls: int = 100) -> None:
    app = fresh_app()
    from models import Counter, Service, Site, db

    with app.app_context():
        site_id = db.session.scalar(db.select(Site.id))
        service_id = db.session.scalar(db.select(Service.id).filter_by(prefix="A"))
        counter_id = db.session.scalar(db.select(Counter.id).filter_by(number=1))

    with running_server() as base:
        heard = threading.Event()
        display = socketio.Client(reconnection=False)
        display.on("ticket_called", lambda _data: heard.set(), namespace="/display")
        display.connect(base, namespaces=["/display"], auth={"site_id": site_id}, transports=["websocket"])
        http = requests.Session()
        token = http.post(
            f"{base}/api/v1/auth/token", json={"username": "canbo1", "password": "motcua-demo"}
        ).json()
        headers = {"Authorization": f"Bearer {token['token']}"}
        for _ in range(calls):
            http.post(
                f"{base}/api/v1/tickets", json={"service_id": service_id}, headers=headers
            )  # staff may issue
        latencies = []
        for _ in range(calls):
            heard.clear()
            t0 = time.perf_counter()
            http.post(f"{base}/api/v1/counters/{counter_id}/call-next", headers=headers)
            if heard.wait(5):
                latencies.append(time.perf_counter() - t0)
            http.post(f"{base}/api/v1/counters/{counter_id}/complete", headers=headers)
        display.disconnect()
    print(summary("call-next → display event", latencies))
    print(f"missed events: {calls - len(latencies)}")


if __name__ == "__main__":
    main()
