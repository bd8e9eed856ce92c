"""The files of deploy/ agree with each other and with the README (make prod-check runs them for real)."""

import re
import runpy
import sys
from pathlib import Path

from deploy.check.stack import site_config

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
README = (DEPLOY.parent / "README.md").read_text()


def test_the_environment_file_names_every_documented_setting():
    section = README.split("## Configuration", 1)[1].split("### Running a province", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z_]+)`", section, flags=re.M)) | {"HOST"}
    example = (DEPLOY / "motcua.env.example").read_text()
    assert len(documented) > 15
    assert sorted(name for name in documented if name not in example) == []


def test_gunicorn_runs_one_gevent_websocket_worker_on_the_units_port(monkeypatch):
    monkeypatch.setenv("PORT", "8003")
    # The file marks the HTTP client libraries missing for the server (sys.modules): not for this test run.
    for name in ("aiohttp", "requests", "websocket"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name))
        if sys.modules[name] is None:
            monkeypatch.delitem(sys.modules, name)
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (settings["bind"], settings["workers"], settings["worker_class"], settings["wsgi_app"]) == (
        "127.0.0.1:8003",
        1,
        "geventwebsocket.gunicorn.workers.GeventWebSocketWorker",
        "wsgi:app",
    )
    assert settings["worker_connections"] == 10000
    for name in ("motcua@.service", "motcua-socket@.service"):
        unit = (DEPLOY / "systemd" / name).read_text()
        assert int(re.search(r"^LimitNOFILE=(\d+)$", unit, flags=re.M)[1]) > settings["worker_connections"]


def upstream_ports(nginx: str, name: str) -> list[str]:
    block = re.search(rf"^upstream {name} {{(.*?)^}}", nginx, flags=re.M | re.S)[1]
    return re.findall(r"^\s*server 127\.0\.0\.1:(\d+);", block, flags=re.M)


def test_nginx_upstreams_and_systemd_target_name_the_same_processes_per_tier():
    nginx = (DEPLOY / "nginx" / "motcua.conf").read_text()
    target = (DEPLOY / "systemd" / "motcua.target").read_text()
    assert (
        upstream_ports(nginx, "motcua_app")
        == re.findall(r"motcua@(\d+)\.service", target)
        == ["8001", "8002"]
    )
    assert (
        upstream_ports(nginx, "motcua_sockets")
        == re.findall(r"motcua-socket@(\d+)\.service", target)
        == ["8101"]
    )
    for unit in ("motcua@.service", "motcua-socket@.service"):
        text = (DEPLOY / "systemd" / unit).read_text()
        assert "Environment=PORT=%i" in text and "--config deploy/gunicorn.conf.py" in text


def test_nginx_sends_socket_io_to_the_socket_tier_and_the_rest_to_the_app_tier():
    nginx = (DEPLOY / "nginx" / "motcua.conf").read_text()
    locations = dict(re.findall(r"location (\S+) {\n\s*proxy_pass http://(\w+);", nginx))
    assert locations == {"/socket.io/": "motcua_sockets", "/": "motcua_app"}


def test_prod_check_can_still_adapt_the_shipped_nginx_site(tmp_path):
    shipped = (DEPLOY / "nginx" / "motcua.conf").read_text()
    adapted = site_config(shipped, tmp_path, [9001, 9002], [9101], 9080, 9443)
    assert "listen 127.0.0.1:9443 ssl http2;" in adapted and "server 127.0.0.1:9002;" in adapted
    assert "server 127.0.0.1:9101;" in adapted and not re.search(r"server 127.0.0.1:8[01]0\d;", adapted)
    assert "[::]" not in adapted and "/etc/ssl/" not in adapted and "/var/log/" not in adapted
