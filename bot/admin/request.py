"""One admin call: who, where the change applies (this channel or the whole workspace), and
helpers to change settings, record the audit entry and reply privately."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..channel_settings import TABLE
from ..markup import plain
from ..model import Card, Reply
from .audit import AuditLog, Said, said

if TYPE_CHECKING:
    from ..context import Context

# The scope flag: `--all` makes a change for the whole workspace or team instead of this
# channel. `—all` is what some keyboards make of `--all`.
ALL_FLAGS = ("--all", "—all", "–all")
MAX_VALUE_SHOWN = 300


def take_scope_flag(args: str) -> tuple[bool, str]:
    """Remove the scope flag from `args`; return (whole workspace?, the rest)."""
    words = args.split()
    everywhere = any(w.lower() in ALL_FLAGS for w in words)
    if not everywhere:
        return False, args.strip()
    return True, " ".join(w for w in words if w.lower() not in ALL_FLAGS)


def where_channel(ctx: Context, name: str) -> str:
    """ "in #name", or "in this channel" when the platform gave no name."""
    if not name:
        return ctx.say("admin.where.this_channel")
    return ctx.say("admin.where.channel", channel=plain(name, limit=MAX_VALUE_SHOWN))


class CommandForms(Protocol):
    """The correct forms of an admin subcommand (its `AdminSpec`): message ids."""

    @property
    def usage(self) -> tuple[str, ...]: ...

    @property
    def examples(self) -> tuple[str, ...]: ...


@dataclass
class AdminRequest:
    """What an admin subcommand gets. Rights have been checked before it is made."""

    ctx: Context
    spec: CommandForms
    args: str
    everywhere: bool

    @property
    def channel(self) -> bool:
        """True when the change is for this channel only (pass as `channel=` to settings)."""
        return not self.everywhere

    @property
    def by(self) -> str:
        """The admin's platform id, as the audit log records it."""
        assert self.ctx.user is not None
        return f"{self.ctx.ref.platform}:{self.ctx.user.id}"

    def now(self) -> str:
        return self.ctx.core.clock.now().isoformat()

    def say(self, message_id: str, /, **values: object) -> str:
        """A message with its values escaped with `plain()`: admin input can never add
        formatting, links or mentions. Put any formatting in the message itself."""
        safe = {k: plain(str(v), limit=MAX_VALUE_SHOWN) for k, v in values.items()}
        return self.ctx.say(message_id, **safe)

    def where(self) -> str:
        """ "in this channel (#name)" or "for the whole workspace", for confirmations."""
        if self.everywhere:
            return self.say("admin.where.workspace")
        return where_channel(self.ctx, self.ctx.ref.channel_name)

    def reply(self, text: str = "", *, card: Card | None = None) -> list[Reply]:
        """A private reply to the admin."""
        return [self.ctx.reply(text, card=card, private=True)]

    def done(self, message_id: str, /, **values: object) -> list[Reply]:
        """A private confirmation; `{where}` in the message says where the change applies."""
        safe = {k: plain(str(v), limit=MAX_VALUE_SHOWN) for k, v in values.items()}
        return self.reply(self.ctx.say(message_id, where=self.where(), **safe))

    async def record(self, what: Said, old: Any, new: Any) -> None:
        """Add an audit entry for a change made by this request (`what`: `said(id, …)`)."""
        await AuditLog(self.ctx.store, self.ctx.core.pack).record(
            self.ctx.ref,
            by=self.by,
            at=self.ctx.core.clock.now(),
            everywhere=self.everywhere,
            what=what,
            old=old,
            new=new,
        )

    async def current(self, name: str) -> Any:
        """The value of a setting in effect where this request changes things: this channel,
        or, for the whole workspace, the workspace's own value or the default."""
        settings = self.ctx.settings
        if self.channel:
            return await settings.get(self.ctx.ref, name)
        doc = await settings.store.get(TABLE, settings.key(self.ctx.ref, channel=False))
        if doc is not None and name in doc:
            return doc[name]
        return settings.defaults.get(name)

    async def set_setting(self, name: str, value: Any) -> Any:
        """Set a channel setting here (or for the whole workspace) and audit it. Returns the
        value it had at that level before. Nothing is written when the value is unchanged."""
        settings = self.ctx.settings
        doc = await settings.store.get(TABLE, settings.key(self.ctx.ref, channel=self.channel))
        old = (doc or {}).get(name)
        if doc is not None and name in doc and old == value:
            return old
        # The value in effect at the level that changes: for the whole workspace, its own
        # value or the default (never this channel's own setting, which stays as it is).
        before = old if old is not None else await self.current(name)
        await settings.set(self.ctx.ref, name, value, channel=self.channel)
        await self.record(said("admin.audit.what.setting", setting=name), before, value)
        return old
