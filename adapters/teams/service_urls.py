"""Which Bot Connector addresses the bot may call: the `serviceUrl` of an activity is the
sender's to choose, so with authentication on only Microsoft's own connectors are trusted.

Each entry of MICROSOFT_SERVICE_URLS is `scheme://host[:port][/path]`; a host may start with
`*.` for any subdomain. An address is allowed when its scheme and host match an entry, its
port too when the entry names one, and its path starts with the entry's path."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# The Bot Connector service URLs Microsoft documents: public Teams (all regions), the Bot
# Framework channels, and the government clouds (GCC, GCC High, DoD).
DEFAULT = (
    "https://smba.trafficmanager.net",
    "https://*.botframework.com",
    "https://smba.infra.gcc.teams.microsoft.com",
    "https://smba.infra.gov.teams.microsoft.us",
    "https://smba.infra.dod.teams.microsoft.us",
    "https://*.botframework.us",
    "https://*.botframework.azure.us",
)


@dataclass(frozen=True)
class _Entry:
    scheme: str
    host: str
    port: int | None
    path: str

    def allows(self, scheme: str, host: str, port: int | None, path: str) -> bool:
        if scheme != self.scheme:
            return False
        if self.host.startswith("*."):
            if not host.endswith(self.host[1:]):
                return False
        elif host != self.host:
            return False
        if self.port is not None and port != self.port:
            return False
        return path.startswith(self.path)


def _parse(url: str) -> tuple[str, str, int | None, str] | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts.scheme, parts.hostname.lower(), port, path


class ServiceUrls:
    """The allow-list; `ServiceUrls.anything()` when authentication is off (local use only)."""

    def __init__(self, entries: tuple[str, ...] | list[str] = DEFAULT) -> None:
        parsed = []
        for entry in entries:
            found = _parse(entry)
            if found is None:
                raise ValueError(f"{entry!r} is not an http(s) address")
            parsed.append(_Entry(*found))
        self._entries = tuple(parsed)
        self._open = False

    @classmethod
    def anything(cls) -> ServiceUrls:
        urls = cls(())
        urls._open = True
        return urls

    @classmethod
    def from_setting(cls, value: str) -> ServiceUrls:
        """MICROSOFT_SERVICE_URLS: comma-separated entries; empty means Microsoft's own."""
        entries = [e.strip() for e in value.split(",") if e.strip()]
        return cls(entries or DEFAULT)

    def allows(self, url: str) -> bool:
        if self._open:
            return True
        found = _parse(url)
        return found is not None and any(e.allows(*found) for e in self._entries)
