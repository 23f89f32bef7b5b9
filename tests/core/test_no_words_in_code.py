"""Fitness test (issue 14, "every word in prompts/"): no user-visible string literal in `bot/` or
`adapters/`. Beside `test_words_are_data.py` (no renderer defaults to English words).

The rule, read from the code with an AST scan: a string constant with a letter in it may not be
passed where words for people go, unless it is a message id of the shipped pack. Those places are
- keyword arguments named as words (`text=`, `title=`, `label=`, `usage=`, `example=`, …,
  `WORD_KEYWORDS`);
- the word-carrying arguments of the model's constructors and of the calls that take a message
  (`Text(…)`, `Reply(…)`, `Button(…)`, an `Option`'s label, `ctx.reply(…)`, `ctx.say(…)`,
  `req.done(…)`, `req.record(…)`, `said(…)`, `Invalid(…)`, …, `POSITIONS`);
- the values of word keys in a platform payload written as a dict literal (`"text"`,
  `"title"`, `"placeholder"`, `"errorMessage"`, …, `PAYLOAD_KEYS`), as the renderers build them.
An f-string there counts as words when its literal parts hold two letters in a row, except for
message ids built from a prefix (`ctx.say(f"help.cmd.{name}")`), which are still ids.

What the rule leaves out, on purpose: what people type (aliases, small talk, date words: input,
not output), log lines and exceptions (for operators), HTML markup, and the operator's command
line and settings errors. `EXEMPT` lists keyword places that take values rather than words, and
`ALLOWED` the literals still allowed, each with its reason; both may only shrink (a stale entry
fails)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.prompts import load_shipped

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("bot", "adapters")
WORD_KEYWORDS = {
    "text",
    "title",
    "label",
    "summary",
    "usage",
    "example",
    "fallback_text",
    "submit_label",
    "hint",
    "placeholder",
    "open_form_label",
    "close_label",
    "required_message",
    "link_label",
    "link_note",
    "channel_name",
}
# Calls whose positional arguments at these places are words (or the id of a message).
POSITIONS: dict[str, tuple[int, ...]] = {
    "Text": (0,),
    "Context": (0,),
    "Small": (0,),
    "Reply": (0,),
    "Card": (0, 1),
    "Button": (0,),
    "Option": (1,),
    "Choice": (1,),
    "TextInput": (1,),
    "reply": (0,),
    "say": (0,),
    "done": (0,),
    "record": (0,),
    "record_change": (1,),
    "said": (0,),
    "Invalid": (0,),
    "Refused": (0,),
}
ID_CALLS = {"say", "done", "said", "Invalid", "record", "record_change"}
PAYLOAD_KEYS = {
    "text",
    "title",
    "label",
    "placeholder",
    "summary",
    "fallbackText",
    "errorMessage",
    "alt_text",
    "altText",
}
# (call, keyword) places that take a value to type, not words.
EXEMPT = {
    ("SettingField", "example"): "the value shown in an empty settings box (Europe/London, "
    "17:30-09:00, Mon): typed values stay as the parser reads them, like command words",
}
# (path, literal): literals still allowed where words go, with why.
ALLOWED: dict[tuple[str, str], str] = {}

MESSAGE_ID = re.compile(r"^[a-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _words(node: ast.expr, *, ids: bool) -> str | None:
    """The words in `node` if it is literal text (not a known message id), else None. Either
    side of `a or "words"` and `"words" if c else b` counts."""
    if isinstance(node, ast.BoolOp | ast.IfExp):
        sides = node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]
        found = [w for side in sides if (w := _words(side, ids=ids)) is not None]
        return found[0] if found else None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
        if not any(ch.isalpha() for ch in text):
            return None
        if MESSAGE_ID.match(text) and text in KNOWN_IDS:
            return None
        return text
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if ids and (MESSAGE_ID.match(literal.rstrip(".")) or literal.startswith(".")):
            return None  # an id made from a prefix: f"help.cmd.{name}"
        return literal if re.search(r"[A-Za-z]{2}", literal) else None
    return None


def _places(call: ast.Call) -> list[tuple[str, ast.expr]]:
    name = _name(call.func)
    # A message's placeholder values are words too: `ctx.say("admin.where.channel", channel=…)`.
    found = [
        (k.arg, k.value)
        for k in call.keywords
        if k.arg in WORD_KEYWORDS or (name in ID_CALLS and k.arg is not None)
    ]
    found = [(k, v) for k, v in found if (name, k) not in EXEMPT]
    for i in POSITIONS.get(name, ()):
        if i < len(call.args):
            found.append((f"#{i + 1}", call.args[i]))
    return found


def words_in_code(path: Path) -> list[str]:
    """Each literal in `path` where words for people go: "line call(place): 'words'"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            for place, value in _places(node):
                words = _words(value, ids=name in ID_CALLS)
                if words is not None:
                    found.append(f"{value.lineno} {name}({place}): {words!r}")
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value in PAYLOAD_KEYS:
                    words = _words(value, ids=False)
                    if words is not None:
                        found.append(f"{value.lineno} {{{key.value!r}}}: {words!r}")
    return found


KNOWN_IDS = set(load_shipped().messages)


def _modules() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]


def test_no_user_visible_words_in_bot_or_adapters() -> None:
    offenders = []
    for path in _modules():
        relative = str(path.relative_to(ROOT))
        for line in words_in_code(path):
            literal = line.split(": ", 1)[1]
            if (relative, literal) not in ALLOWED:
                offenders.append(f"{relative}:{line}")
    assert offenders == [], "\n".join(offenders)


def test_the_allowances_are_still_needed() -> None:
    """The allowlist may only shrink: every entry still names a literal the scan finds."""
    found = {
        (str(p.relative_to(ROOT)), line.split(": ", 1)[1])
        for p in _modules()
        for line in words_in_code(p)
    }
    assert set(ALLOWED) <= found, set(ALLOWED) - found
    assert all(reason for reason in [*ALLOWED.values(), *EXEMPT.values()])


def test_the_scan_catches_planted_words(tmp_path: Path) -> None:
    """Each kind of place is caught; message ids, values to type and separators are not."""
    sample = tmp_path / "feature.py"
    sample.write_text(
        "@admin_command('zone', usage='admin zone <zone>', example='admin.example.timezone.1')\n"
        "async def zone(req):\n"
        "    await req.record('time zone', None, 'x')\n"
        "    box = SettingField('tz', label='admin.settings.timezone', example='Europe/London')\n"
        "    payload = {'type': 'plain_text', 'text': 'Cancel', 'emoji': True}\n"
        "    sep = Text(' · ')\n"
        "    where = req.say('admin.where.channel', channel=ref.channel_name or 'this')\n"
        "    ctx.say(f'help.cmd.{name}')\n"
        "    return [ctx.reply(f'Saved {value} for you'), Reply(text='help.title')]\n",
        encoding="utf-8",
    )
    assert sorted(words_in_code(sample)) == [
        "1 admin_command(usage): 'admin zone <zone>'",
        "3 record(#1): 'time zone'",
        "5 {'text'}: 'Cancel'",
        "7 say(channel): 'this'",
        "9 reply(#1): 'Saved  for you'",
    ]
