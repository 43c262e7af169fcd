"""The local gateway takes many clients connecting at once, as API Gateway does."""

from __future__ import annotations

import socket
from typing import Any

from clams.local.gateway import Gateway


def test_fifty_clients_connecting_at_once_are_all_let_in_before_the_first_is_served() -> None:
    # Given a gateway that is listening but has not accepted anything yet
    gateway: Any = Gateway(api=None, host="127.0.0.1", port=0)  # type: ignore[arg-type]
    host, port = gateway.url.removeprefix("http://").split(":")
    connections: list[socket.socket] = []
    try:
        # When fifty clients connect at once (past a full queue a connection would hang)
        for _ in range(50):
            connections.append(socket.create_connection((host, int(port)), timeout=0.5))
        # Then every one of them was let in
        assert len(connections) == 50
    finally:
        for connection in connections:
            connection.close()
        gateway.stop()
