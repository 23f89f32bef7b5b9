"""The chat page itself: its HTML with the words it needs from `prompts/`, and its files.

Every word on the page comes from the prompt pack, in the reader's language: its labels,
headings and buttons (`local.page.label.*`) fill the slots of `static/index.html`, and every
sentence the script may show (the welcome, the notes about the connection) reaches it as JSON
inside the page. The language is `?lang=cy|en|en-easy`, else the browser's Accept-Language
(Welsh or English), else English; once a person chooses one in the chat (`language cymraeg`),
the script opens the page in it (the server says their choice with each answer and on `ready`)."""

from __future__ import annotations

import html
import json
from importlib import resources

from aiohttp import web

from bot.model import Card, Context, Text
from bot.prompts import EN, LOCALES, PromptPack, from_platform, speaking

from .render import card_html, inline

STATIC = resources.files(__package__) / "static"
TYPES = {
    "app.js": "application/javascript",
    "app.css": "text/css",
    "favicon.svg": "image/svg+xml",
}
_WORDS = ("bot", "only_you", "direct_chat", "failed", "offline", "reconnecting", "restarted")
_SLOT = "{{WORDS}}"
_LABELS = (
    "title",
    "skip",
    "sub",
    "who",
    "name",
    "where",
    "direct",
    "conversation",
    "message",
    "placeholder",
    "send",
)
_MARKED = ("intro", "hint")  # sentences with the core's markdown (code)


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


def page_html(pack: PromptPack, locale: str = EN) -> str:
    """`index.html` in `locale` with the words filled in: labels escaped, sentences as HTML,
    and the script's words safe inside its `<script>` element."""
    with speaking(locale):
        data = json.dumps(words(pack), ensure_ascii=False)
        slots = {k: html.escape(pack.say(f"local.page.label.{k}")) for k in _LABELS}
        slots.update({k: inline(pack.say(f"local.page.label.{k}")) for k in _MARKED})
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{LANG}}", "cy" if locale == "cy" else "en")
    page = page.replace("{{LOCALE}}", locale)
    for key, value in slots.items():
        page = page.replace("{{" + key + "}}", value)
    return page.replace(_SLOT, data)


def page_locale(request: web.Request) -> str:
    """The reader's language: `?lang=`, else the first Welsh or English one they accept."""
    asked = request.query.get("lang", "").strip().lower()
    if asked in LOCALES:
        return asked
    for part in request.headers.get("Accept-Language", "").split(","):
        found = from_platform(part.split(";")[0].strip())
        if found is not None:
            return found
    return EN


def add_page_routes(app: web.Application, pack: PromptPack) -> None:
    """Serve the page at `/` and its files under `/local/static/`."""
    pages = {locale: page_html(pack, locale) for locale in LOCALES}

    async def page(request: web.Request) -> web.Response:
        return web.Response(
            text=pages[page_locale(request)],
            content_type="text/html",
            headers={"Vary": "Accept-Language"},
        )

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
