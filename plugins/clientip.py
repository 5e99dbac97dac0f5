"""The client's address behind trusted proxies.

A foundation module (it imports no service): the audit trail, the sign-in
throttle and the consent service all read the client's address from here.
``plugins.accounts.throttle.real_client_address`` is the same function.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _trusted_networks():
    networks = []
    for entry in getattr(settings, "PORTAL_TRUSTED_PROXIES", ()) or ():
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            continue
    return networks


def _parse(raw: str):
    try:
        return ipaddress.ip_address(str(raw).strip())
    except ValueError:
        return None


def real_client_address(request) -> str | None:
    """The client's address: the peer, or, when the peer is a trusted proxy, the
    nearest address in ``X-Forwarded-For`` that is not itself a trusted proxy.

    ``X-Forwarded-For`` is read only from the proxies listed in
    ``PORTAL_TRUSTED_PROXIES`` (addresses or networks): any client can send the
    header, so from anyone else it is ignored.
    """
    meta = getattr(request, "META", None) or {}
    peer = _parse(meta.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    trusted = _trusted_networks()
    if not any(peer in net for net in trusted):
        return str(peer)
    hops = [h for h in (meta.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            return str(peer)  # a malformed hop: do not guess past it
        if not any(address in net for net in trusted):
            return str(address)
    return str(peer)
