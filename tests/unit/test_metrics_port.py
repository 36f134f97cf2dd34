"""The metrics port checked before anything starts: port 0 becomes the free port the startup lines name."""

from __future__ import annotations

import socket

import pytest

from agents.daemon import check_port_free
from agents.errors import StartupError


def test_port_0_is_replaced_by_a_free_port_the_endpoint_can_then_take() -> None:
    port = check_port_free("127.0.0.1", 0)
    assert port > 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_a_taken_port_is_refused_with_the_flags_that_change_it() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StartupError, match=f"metrics port {port} is in use.*--metrics-port"):
            check_port_free("127.0.0.1", port)
