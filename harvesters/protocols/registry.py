"""Which client harvests a protocol. Above the clients: it imports each of them (importing registers it with
`base.register`), and they import only `base`."""

from __future__ import annotations

from harvesters.protocols import csw, local, oaipmh  # noqa: F401 - importing registers the clients
from harvesters.protocols.base import ProtocolClient, ProtocolError, registered_clients


def client_class(protocol: str) -> type[ProtocolClient]:
    clients = registered_clients()
    try:
        return clients[protocol]
    except KeyError:
        raise ProtocolError(f"no harvester for protocol {protocol!r} (known: {', '.join(sorted(clients))})") from None
