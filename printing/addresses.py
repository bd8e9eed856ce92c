"""Where a printer set in the back office may point. A printer URL is bytes sent somewhere by the server, so
a supervisor's typo or malice must not overwrite a file (`file:///…/important.txt`) nor talk to a service
(`tcp://127.0.0.1:6379`). The operator's PRINTER_URL is trusted; every other address is checked when it is
saved and again at each print (a host name is resolved then, and the printer is reached at the very address
that was checked, so DNS cannot swap it in between).

    file:// and serial://  a device under /dev/ (usb/lp/tty), or a prefix in PRINTER_FILE_ALLOW
    tcp://                 an address in PRINTER_TCP_ALLOW_NETS on a port in PRINTER_TCP_PORTS; loopback,
                           link-local, multicast and the server's own addresses only when listed one by one
"""

import ipaddress
import os
import socket
from dataclasses import dataclass, replace
from functools import lru_cache

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l

from .faults import PrinterFault

DEVICE_PREFIXES = ("/dev/usb/", "/dev/lp", "/dev/ttyUSB", "/dev/ttyACM", "/dev/ttyS", "/dev/serial/")
DEFAULT_TCP_NETS = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"
DEFAULT_TCP_PORTS = "9100,9101,9102,9103"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class AddressPolicy:
    file_prefixes: tuple[str, ...]
    tcp_nets: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    tcp_ports: frozenset[int]

    @classmethod
    def from_config(cls, config) -> "AddressPolicy":
        return _policy(
            config.get("PRINTER_FILE_ALLOW", ""),
            config.get("PRINTER_TCP_ALLOW_NETS", DEFAULT_TCP_NETS),
            config.get("PRINTER_TCP_PORTS", DEFAULT_TCP_PORTS),
        )

    def listed_one_by_one(self, address: Address) -> bool:
        return any(net.num_addresses == 1 and address in net for net in self.tcp_nets)


@lru_cache(maxsize=8)
def _policy(file_allow: str, nets: str, ports: str) -> AddressPolicy:
    """Parse the three settings; a bad entry is the operator's mistake and stops the print with ValueError."""
    extra = tuple(p.strip() for p in file_allow.split(",") if p.strip())
    if any(not os.path.isabs(p) for p in extra):
        raise ValueError(f"PRINTER_FILE_ALLOW takes absolute path prefixes: {file_allow!r}")
    networks = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in nets.split(",") if n.strip())
    allowed_ports: set[int] = set()
    for item in (p.strip() for p in ports.split(",") if p.strip()):
        low, _, high = item.partition("-")
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= 65535:
            raise ValueError(f"PRINTER_TCP_PORTS: bad port or range {item!r}")
        allowed_ports.update(range(first, last + 1))
    return AddressPolicy(DEVICE_PREFIXES + extra, networks, frozenset(allowed_ports))


def current_policy() -> AddressPolicy:
    """The app's policy; outside an app the defaults (the strictest)."""
    return AddressPolicy.from_config(current_app.config if has_app_context() else {})


def _refuse(message) -> PrinterFault:
    return PrinterFault("config", message)


def check_device_path(path: str, policy: AddressPolicy) -> None:
    """A device file (or an operator-allowed path): no `..`, no symlink out of the allowed places."""
    allowed = policy.file_prefixes
    normal = os.path.normpath(path) if path.startswith("/") else ""
    real = os.path.realpath(normal) if normal else ""
    if normal != path or not normal.startswith(allowed) or not real.startswith(allowed):
        raise _refuse(
            _l(
                "Địa chỉ máy in phải là thiết bị trong /dev/ (ví dụ file:///dev/usb/lp0 hoặc "
                "serial:///dev/ttyUSB0); không được ghi vào %(path)s.",
                path=path[:200],
            )
        )


def _is_own(address: Address) -> bool:
    """Is this one of the server's own addresses? Only a local address can be bound to."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
        return True
    except OSError:
        return False


def check_ip(address: Address, policy: AddressPolicy) -> None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    special = (
        address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or _is_own(address)
    )
    if special:
        if not policy.listed_one_by_one(address):
            raise _refuse(
                _l("Không được gửi lệnh in tới chính máy chủ hoặc địa chỉ nội bộ %(a)s.", a=address)
            )
        return
    if not any(address in net for net in policy.tcp_nets):
        raise _refuse(
            _l(
                "Máy in mạng phải ở trong mạng nội bộ được phép (%(nets)s); địa chỉ %(a)s không được phép.",
                nets=", ".join(str(n) for n in policy.tcp_nets),
                a=address,
            )
        )


def resolve(host: str, port: int) -> list[Address]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _refuse(_l("Không tìm thấy máy in mang tên %(host)s.", host=host[:100])) from None
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def check_target(target, policy: AddressPolicy):
    """The target if it may be used (a tcp target comes back pinned to its checked IP address), else a
    PrinterFault("config") that says why in plain Vietnamese."""
    if target.scheme in ("file", "serial"):
        check_device_path(target.path, policy)
    elif target.scheme == "tcp":
        addresses = resolve(target.host, target.port)
        for address in addresses:
            check_ip(address, policy)
        if target.port not in policy.tcp_ports:
            raise _refuse(
                _l(
                    "Máy in mạng chỉ được dùng cổng %(ports)s; cổng %(port)s không được phép.",
                    ports=_port_list(policy.tcp_ports),
                    port=target.port,
                )
            )
        return replace(target, host=str(addresses[0]))
    return target


def _port_list(ports: frozenset[int]) -> str:
    ordered = sorted(ports)
    return ", ".join(str(p) for p in ordered[:6]) + (" …" if len(ordered) > 6 else "")
