"""`admin settings`: a form for the common settings; its submission is checked and audited like
the typed commands. Features add their settings to it with `setting_field`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...changes import SettingsChanged
from ...context import Context
from ...marks import action
from ...markup import plain
from ...model import Card, Choice, Form, Option, Reply, Text, TextInput
from ..dispatch import refusal
from ..registry import admin_command, setting_fields
from ..request import AdminRequest
from ..validate import Invalid

SAVE = "admin.settings.save"
SCOPE_FIELD = "apply_to"


@admin_command(
    "settings", usage="admin.usage.settings.1", example="admin.example.settings.1", order=5
)
async def settings_admin(req: AdminRequest) -> list[Reply]:
    return req.reply(card=await settings_card(req))


async def settings_card(
    req: AdminRequest, typed: dict[str, str] | None = None, problems: tuple[str, ...] = ()
) -> Card:
    """The form, filled with the settings in effect, or with what the admin `typed` (after a
    save that was refused, with the `problems` above it, so nothing typed is lost)."""
    ctx = req.ctx
    inputs: list[Choice | TextInput] = []
    for field in setting_fields(ctx.core.registry):
        current = await ctx.settings.get(ctx.ref, field.setting)
        shown = field.show(current) if current is not None else None
        if typed is not None and field.setting in typed:
            shown = typed[field.setting] or None
        if field.choices:
            inputs.append(
                Choice(
                    id=field.setting,
                    label=ctx.say(field.label),
                    options=tuple(Option(v, ctx.say(label)) for v, label in field.choices),
                    required=False,
                    initial=shown,
                )
            )
            continue
        inputs.append(
            TextInput(
                id=field.setting,
                label=ctx.say(field.label),
                placeholder=field.example,
                initial=shown or "",
                max_length=200,
                required=False,
            )
        )
    scopes = [Option("all", ctx.say("admin.settings.scope_all"))]
    if not ctx.ref.is_direct:
        scopes.insert(0, Option("channel", ctx.say("admin.settings.scope_channel")))
    inputs.append(
        Choice(
            id=SCOPE_FIELD,
            label=ctx.say("admin.settings.scope"),
            options=tuple(scopes),
            initial="all" if req.everywhere else "channel",
        )
    )
    hints = [ctx.say(f.hint) for f in setting_fields(ctx.core.registry) if f.hint]
    intro = (
        (Text(ctx.say("admin.settings.refused") + "\n" + "\n".join(problems)),) if problems else ()
    )
    return Card(
        id="admin.settings",
        title=ctx.say("admin.settings.title"),
        fallback_text=ctx.say("admin.settings.fallback"),
        blocks=(
            *intro,
            Text(ctx.say("admin.settings.intro")),
            *(Text(h) for h in hints),
            Form(
                id="admin-settings",
                inputs=tuple(inputs),
                submit_label=ctx.say("admin.settings.submit"),
                action_id=SAVE,
            ),
        ),
    )


@action(SAVE)
async def save_settings(ctx: Context) -> list[Reply]:
    """Apply the form: rights checked again, every value checked before anything changes."""
    if not await ctx.is_admin():
        return [await refusal(ctx)]
    value: dict[str, Any] = dict(getattr(ctx.event, "value", {}) or {})
    everywhere = value.get(SCOPE_FIELD) == "all" or ctx.ref.is_direct
    req = AdminRequest(ctx, ctx.core.registry.admin_commands["settings"], "", everywhere)
    parsed: dict[str, Any] = {}
    problems: list[str] = []
    for field in setting_fields(ctx.core.registry):
        typed = str(value.get(field.setting, "")).strip()
        if not typed:
            continue
        try:
            parsed[field.setting] = field.parse(typed)
        except Invalid as exc:
            values = {k: plain(str(v), limit=120) for k, v in exc.values.items()}
            problems.append(
                ctx.say("admin.settings.problem", label=ctx.say(field.label))
                + " "
                + ctx.say(exc.message_id, **values)
                + " "
                + ctx.say("admin.settings.example", example=field.example)
            )
    if problems:  # the form again, as typed, with what to change above it
        typed_back = {
            f.setting: str(value.get(f.setting, "")).strip()
            for f in setting_fields(ctx.core.registry)
        }
        card = await settings_card(req, typed_back, tuple(problems))
        return [replace(r, replace_card=True) for r in req.reply(card=card)]
    changed = []
    for name, new in parsed.items():
        if new != await req.current(name):  # a box left as it was changes nothing
            await req.set_setting(name, new)
            changed.append(name)
    if not changed:
        return req.done("admin.settings.unchanged")
    # Features that act on a setting (nudges replan when the schedule moves) hear of it.
    await ctx.core.announce(ctx, SettingsChanged(ctx.ref, ctx.user, tuple(changed), everywhere))
    labels = {f.setting: ctx.say(f.label) for f in setting_fields(ctx.core.registry)}
    return req.done("admin.settings.saved", names=", ".join(labels[n] for n in changed))
