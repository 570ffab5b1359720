"""This machine's address on the local network, for `answers: {url: auto}` and serving.

Found without sending anything: connecting a UDP socket only asks the operating system
which interface it would route through, and getsockname() tells that interface's
address. No packet leaves the machine.
"""

from __future__ import annotations

import ipaddress
import socket

DEFAULT_PORT = 8000  # where `workshop serve` listens unless told otherwise
LOOPBACK = "127.0.0.1"
# private addresses a room's router hands out; the port is never contacted
_PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")


def lan_address() -> str | None:
    """This machine's private IPv4 address on the local network, or None if it has none."""
    for probe in _PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
        except OSError:
            continue
        ip = ipaddress.ip_address(address)
        if ip.is_private and not ip.is_loopback and not ip.is_unspecified:
            return address
    return None


def base_url(address: str, port: int = DEFAULT_PORT) -> str:
    return f"http://{address}:{port}"
