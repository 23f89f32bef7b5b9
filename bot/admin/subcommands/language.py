"""`admin language cy|en|easy|both`: the language of this channel's (or workspace's) posts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...languages import CHANNEL_LOCALES, SETTING
from ...languages.jargon import MODE
from ...model import Reply
from ..registry import SettingField, admin_command, setting_field
from ..request import AdminRequest
from ..validate import Invalid

if TYPE_CHECKING:
    from ...context import Context

# What an admin may type, and the setting's value.
VALUES: dict[str, str] = {
    "en": "en",
    "english": "en",
    "saesneg": "en",
    "cy": "cy",
    "welsh": "cy",
    "cymraeg": "cy",
    "easy": "easy",
    "en-easy": "easy",
    "easy read": "easy",
    "both": "both",
    "bilingual": "both",
    "dwyieithog": "both",
    "cy+en": "both",
}


def parse(text: str) -> str:
    """`cy`, `en`, `easy` or `both`, in the words an admin may type."""
    value = VALUES.get(" ".join(text.lower().split()))
    if value is None:
        raise Invalid("admin.invalid.language", typed=text.strip()[:40])
    return value


FIELD = setting_field(
    SettingField(
        setting=SETTING,
        label="admin.settings.language",
        hint="admin.settings.language_hint",
        parse=parse,
        example="both",
        choices=(
            ("en", "language.name.en"),
            ("cy", "language.name.cy"),
            ("easy", "language.name.en-easy"),
            ("both", "admin.language.both"),
        ),
        order=15,
    )
)


def language_name(ctx: Context, value: str) -> str:
    if value == "both":
        return ctx.say("admin.language.both")
    return ctx.say(f"language.name.{CHANNEL_LOCALES.get(value, ('en',))[0]}")


@admin_command(
    "language",
    usage="admin.usage.language.1",
    example=("admin.example.language.1", "admin.example.language.2"),
    order=25,
)
async def language_admin(req: AdminRequest) -> list[Reply]:
    ctx = req.ctx
    if not req.args:
        found = await ctx.settings.resolve(ctx.ref, SETTING)
        return req.reply(
            req.say(
                "admin.language.current",
                language=language_name(ctx, str(found.value)),
                source=ctx.say(f"admin.source.{found.source}"),
            )
        )
    value = parse(req.args)
    old = await req.current(SETTING)
    if old == value:
        return req.done("admin.language.unchanged", language=language_name(ctx, value))
    await req.set_setting(SETTING, value)
    replies = req.done("admin.language.set", language=language_name(ctx, value))
    tips = await ctx.settings.resolve(ctx.ref, MODE)
    if "cy" in CHANNEL_LOCALES[value] and tips.source == "default":
        replies.extend(req.reply(ctx.say("admin.language.jargon_off")))
    return replies
