"""The chat page itself: its HTML with the words it needs from `prompts/`, and its files.

The page's fixed labels stay in `static/index.html`; every sentence it may show a person (the
welcome, the notes about the connection, the refusals) comes from the prompt pack and reaches
the script as JSON inside the page."""

from __future__ import annotations

import json
from importlib import resources

from aiohttp import web

from bot.model import Card, Context, Text
from bot.prompts import PromptPack

from .render import card_html, inline

STATIC = resources.files(__package__) / "static"
TYPES = {
    "app.js": "application/javascript",
    "app.css": "text/css",
    "favicon.svg": "image/svg+xml",
}
_WORDS = ("bot", "only_you", "direct_chat", "failed", "offline", "reconnecting", "restarted")
_SLOT = "{{WORDS}}"


def welcome_card(pack: PromptPack) -> Card:
    """The first-run welcome: what the bot does, three commands, a facilitator's first steps."""
    say = pack.say
    return Card(
        id="local.welcome",
        title=say("local.welcome.title"),
        fallback_text=say("local.welcome.intro"),
        blocks=(
            Text(say("local.welcome.intro")),
            Text(say("local.welcome.try")),
            Text(say("local.welcome.facilitator")),
            Context(say("local.welcome.footer")),
        ),
    )


def words(pack: PromptPack) -> dict[str, str]:
    """What the script may say, as HTML (escaped, with the core's markdown subset)."""
    found = {key: inline(pack.say(f"local.page.{key}")) for key in _WORDS}
    found["welcome"] = card_html(welcome_card(pack))
    return found


def page_html(pack: PromptPack) -> str:
    """`index.html` with the words filled in, safe inside its `<script>` element."""
    data = json.dumps(words(pack), ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (STATIC / "index.html").read_text(encoding="utf-8").replace(_SLOT, data)


def add_page_routes(app: web.Application, pack: PromptPack) -> None:
    """Serve the page at `/` and its files under `/local/static/`."""
    text = page_html(pack)

    async def page(_request: web.Request) -> web.Response:
        return web.Response(text=text, content_type="text/html")

    async def asset(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in TYPES:
            raise web.HTTPNotFound()
        return web.Response(
            body=(STATIC / name).read_bytes(),
            content_type=TYPES[name],
            headers={"Cache-Control": "no-cache"},
        )

    app.router.add_get("/", page)
    app.router.add_get("/local/static/{name}", asset)
