"""Signed links that expire: how a file reaches a person on Teams and in the local chat.

The file is kept in this process's memory, bounded in count and bytes (oldest dropped first),
and served at `GET /files/{token}`. The token names the file, when the link expires (24 hours
after it was made) and a signature over both (HMAC-SHA256 with a key made when the process
starts), so a link cannot be guessed, changed or extended. A link that has expired, was
tampered with, or outlived a restart of the bot answers 404 with a plain sentence; asking
again makes a new one. Files are served as downloads (never shown in the bot's own pages),
with no caching."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web

from bot.clock import Clock, SystemClock
from bot.model import File
from bot.prompts import PromptPack

LIFETIME = timedelta(hours=24)
MAX_FILES = 100
MAX_BYTES = 64 * 1024 * 1024
ROUTE = "/files/{token}"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Kept:
    file: File
    expires: datetime


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


class FileLinks:
    """Files handed out by link, and the route that serves them."""

    def __init__(
        self, clock: Clock | None = None, *, key: bytes | None = None, lifetime=LIFETIME
    ) -> None:
        self.clock = clock or SystemClock()
        self.lifetime: timedelta = lifetime
        self._key = key or secrets.token_bytes(32)
        self._files: OrderedDict[str, Kept] = OrderedDict()

    def _sign(self, name: str, expires: int) -> str:
        mac = hmac.new(self._key, f"{name}.{expires}".encode(), hashlib.sha256).digest()
        return _b64(mac[:18])

    def put(self, file: File) -> str:
        """Keep `file` and return the path of its link (`/files/<token>`)."""
        name = secrets.token_urlsafe(12)
        expires = self.clock.now() + self.lifetime
        self._files[name] = Kept(file, expires)
        self._trim()
        stamp = int(expires.timestamp())
        return f"/files/{name}.{stamp}.{self._sign(name, stamp)}"

    def _trim(self) -> None:
        now = self.clock.now()
        for name in [n for n, k in self._files.items() if k.expires <= now]:
            del self._files[name]
        while len(self._files) > MAX_FILES or (
            len(self._files) > 1 and sum(k.file.size for k in self._files.values()) > MAX_BYTES
        ):
            self._files.popitem(last=False)

    def get(self, token: str) -> File | None:
        """The file a token names, if its signature is right and it has not expired."""
        parts = token.split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        name, stamp, signature = parts
        if not hmac.compare_digest(signature, self._sign(name, int(stamp))):
            return None
        kept = self._files.get(name)
        if kept is None or int(kept.expires.timestamp()) != int(stamp):
            return None
        if kept.expires <= self.clock.now():
            del self._files[name]
            return None
        return kept.file

    def add_route(self, app: web.Application, pack: PromptPack) -> None:
        """Serve `GET /files/{token}` on `app` (once, however many adapters ask)."""
        if app.get(APP_KEY) is not None:
            return
        app[APP_KEY] = self

        async def serve(request: web.Request) -> web.Response:
            file = self.get(request.match_info["token"])
            if file is None:
                return web.Response(
                    status=404,
                    text=pack.say("files.link.gone"),
                    headers={"Cache-Control": "no-store"},
                )
            name = _SAFE_NAME.sub("-", file.name).strip("-.") or "file"
            return web.Response(
                body=file.data,
                content_type=file.mime,
                headers={
                    "Content-Disposition": f'attachment; filename="{name}"',
                    "Cache-Control": "no-store",
                    "X-Content-Type-Options": "nosniff",
                    "Content-Security-Policy": "sandbox",
                    "Referrer-Policy": "no-referrer",
                },
            )

        app.router.add_get(ROUTE, serve)


APP_KEY = web.AppKey("coprod.file_links", FileLinks)


def links_of(app: web.Application, pack: PromptPack, clock: Clock | None = None) -> FileLinks:
    """The app's file links, made (and their route added) the first time they are needed."""
    found = app.get(APP_KEY)
    if found is None:
        found = FileLinks(clock)
        found.add_route(app, pack)
    return found
