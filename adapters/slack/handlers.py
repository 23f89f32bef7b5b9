"""What each Slack request does: ack at once, then turn it into core events in the background."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, TypeVar

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.core import Core
from bot.model import (
    CardAction,
    Command,
    ConversationRef,
    Event,
    Installed,
    Reply,
    User,
    Visibility,
)
from bot.prompts import EN, speaking

from . import events
from .ackfirst import AckFirst
from .dedupe import EventDedupe
from .errors import reason
from .forms import FormShelf
from .home import home_view
from .origin import Origin
from .render import OPEN_FORM_ACTION, neutral_action_id
from .replay import FIELD as SIGNED_FIELD
from .replay import ReplayGuard
from .send import Outbound
from .users import UserDirectory

log = logging.getLogger(__name__)
AnyEvent = TypeVar("AnyEvent", bound=Event)
Ack = Callable[..., Awaitable[Any]]


class SlackHandlers:
    """Bolt listeners. Each acks first (Slack wants an answer within 3 s), then does the slow
    work (the core, the Web API) in a tracked background task."""

    def __init__(
        self,
        core: Core,
        outbound: Outbound,
        users: UserDirectory,
        dedupe: EventDedupe,
        forms: FormShelf,
    ) -> None:
        self.core = core
        self.outbound = outbound
        self.users = users
        self.dedupe = dedupe
        self.forms = forms
        self.replays = ReplayGuard(core.store)
        self.bot_user_id: str | None = None
        self._names: dict[str, str] = {}  # channel id → name, learnt from slash commands
        self.ack_first = AckFirst()

    # ---- background work -------------------------------------------------------------------

    def spawn(self, work: Coroutine[Any, Any, None], body: dict[str, Any], part: int = 0) -> None:
        """Run `work` after the ack, beside the acks that follow; a repeat event delivery or a
        replayed request (`part` of it: one payload can carry several actions) is dropped
        there, so the records are written off the ack path (their checks are unchanged)."""
        delivery, signed = _delivery(body), _signed(body, part)
        check = self._checked(delivery, signed) if delivery or signed else None
        self.ack_first.later(work, check)

    async def _checked(
        self, delivery: tuple[str, str] | None, signed: tuple[str, int] | None = None
    ) -> bool:
        """Whether the work should run: not a repeat delivery, not a replay."""
        if delivery is not None and not await self._first_time(*delivery):
            log.info("Slack event %s delivered again; handled once already", delivery[1])
            return False
        if signed is not None and not await self._not_replayed(*signed):
            log.warning("Slack: refused a replayed request (its signature was seen before)")
            return False
        return True

    async def _first_time(self, team: str, event_id: str) -> bool:
        """The delivery has been acked already, so Slack will not send it again: if the store
        cannot say whether it is a repeat, handle it rather than lose it."""
        try:
            return await self.dedupe.first_time(team, event_id)
        except Exception as exc:
            log.warning(
                "Slack event %s: could not check for a repeat (%r); handling it", event_id, exc
            )
            return True

    async def _not_replayed(self, signature: str, timestamp: int) -> bool:
        """Like `_first_time`: when the store cannot say, the request is handled."""
        try:
            return await self.replays.first_time(signature, timestamp)
        except Exception as exc:
            log.warning("Slack: could not check a request for a replay (%r); handling it", exc)
            return True

    async def idle(self) -> None:
        """Wait until all background work has finished (tests, shutdown)."""
        await self.ack_first.idle()

    async def _run(self, event: Event, origin: Origin) -> None:
        if isinstance(event, (Command, CardAction)) and event.user is not None:
            # Rights are needed beyond `admin …` (closing someone else's check, saving the admin
            # settings form), so every command and click carries them (cached for a minute).
            user = await self.users.with_rights(event.ref.workspace, event.user)
            event = replace(event, user=user)
        replies = await self.core.handle(event)
        await asyncio.sleep(0)  # a step boundary: acks waiting meanwhile go first (`lane`)
        await self.outbound.reply(origin, replies)

    def _named(self, event: AnyEvent) -> AnyEvent:
        """Fill in the channel name learnt earlier, so stored references stay stable."""
        name = self._names.get(event.ref.channel_key)
        if name and not event.ref.channel_name:
            return replace(event, ref=replace(event.ref, channel_name=name))
        return event

    # ---- slash command ---------------------------------------------------------------------

    async def on_command(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        self.spawn(self._command(body), body)

    def take_command(self, body: dict[str, Any]) -> bool:
        """Take a checked slash command without Bolt (the transport then acks it): True when
        taken. Only once Bolt has authorized the app (the bot's id is learnt, `_LearnBotId`),
        since Bolt checks that once and keeps the answer; an `ssl_check` ping and anything
        else go to Bolt. What `on_command` would do, less Bolt's per-request dispatch, which
        was about a third of a command's ack time (`docs/benchmarks.md`)."""
        # A command is a form body (no `type`) with a `command`, as `payloads.parse` reads one.
        command = "command" in body and "type" not in body and not body.get("ssl_check")
        if self.bot_user_id is None or not command:
            return False
        self.spawn(self._command(body), body)
        return True

    async def _command(self, body: dict[str, Any]) -> None:
        event = events.command_event(body)
        if event.ref.channel_name:
            self._names[event.ref.channel_key] = event.ref.channel_name
        origin = Origin(
            ref=event.ref,
            user=event.user,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
        )
        await self._run(event, origin)

    # ---- interactivity ---------------------------------------------------------------------

    async def on_action(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        for part, action in enumerate(body.get("actions", [])):
            self.spawn(self._action(body, action), body, part)

    async def _action(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        try:
            event = events.action_event(body, action)
        except ValueError as exc:
            log.warning("Slack action %r ignored: %s", action.get("action_id"), exc)
            return
        event = self._named(event)
        container = body.get("container") or {}
        message = body.get("message") or {}
        origin = Origin(
            ref=event.ref.in_thread(None) if not message.get("thread_ts") else event.ref,
            user=event.user,
            response_url=body.get("response_url"),
            trigger_id=body.get("trigger_id"),
            thread=events.message_thread(message) or event.ref.thread,
            message_id=message.get("ts") or container.get("message_ts"),
            ephemeral_message=bool(container.get("is_ephemeral")),
        )
        if neutral_action_id(action["action_id"]) == OPEN_FORM_ACTION:
            await self._open_form(event.value.get("form", ""), origin)
            return
        await self._run(event, origin)

    async def _open_form(self, key: str, origin: Origin) -> None:
        """A click on a form's button opens the form as a modal."""
        kept = await self.forms.get(key)
        # The modal's own words (Cancel) and the refusal in the language of who clicked.
        try:
            locale = await self.core.languages.person_locale(origin.ref, origin.user)
        except Exception:
            log.exception("Slack: could not tell which language to use; using English")
            locale = EN
        with speaking(locale):
            if kept is not None and origin.trigger_id:
                card, form = kept
                if await self.outbound.open_form(card, form, origin, origin.trigger_id):
                    return
            gone = self.core.pack.say("slack.form.gone")
        await self.outbound.reply(
            origin, [replace(self._private_text(gone, origin.user), locale=locale)]
        )

    @staticmethod
    def _private_text(text: str, user: User | None) -> Reply:
        return Reply(text=text, visibility=Visibility.PRIVATE, recipient=user)

    async def on_view_submission(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()  # an empty answer closes the modal
        self.spawn(self._submission(body), body)

    async def _submission(self, body: dict[str, Any]) -> None:
        try:
            event = events.submission_event(body)
        except ValueError as exc:
            log.warning("Slack form submission ignored: %s", exc)
            return
        event = self._named(event)
        origin = Origin(
            ref=event.ref.in_thread(None),
            user=event.user,
            thread=event.ref.thread,
        )
        await self._run(event, origin)

    # ---- events ----------------------------------------------------------------------------

    async def on_message(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        self.spawn(self._message(body), body)

    async def _message(self, body: dict[str, Any]) -> None:
        team, event = body["team_id"], body["event"]
        found = events.message_event(team, event, self.bot_user_id)
        if found is None:
            ref = events.event_ref(team, event)
            if ref is not None:
                await self.core.remember(self._named_ref(ref))
            return
        found = self._named(found)
        origin = Origin(
            ref=found.ref.in_thread(None),
            user=found.user,
            thread=event.get("thread_ts") or event.get("ts"),
        )
        await self._run(found, origin)

    def _named_ref(self, ref: ConversationRef) -> ConversationRef:
        name = self._names.get(ref.channel_key)
        return replace(ref, channel_name=name) if name and not ref.channel_name else ref

    async def on_mention(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        self.spawn(self._mention(body), body)

    async def _mention(self, body: dict[str, Any]) -> None:
        event = self._named(events.mention_event(body["team_id"], body["event"], self.bot_user_id))
        assert isinstance(event, Command)
        origin = Origin(
            ref=event.ref.in_thread(None),
            user=event.user,
            thread=body["event"].get("thread_ts") or body["event"].get("ts"),
        )
        await self._run(event, origin)

    async def on_home_opened(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        event = body["event"]
        if event.get("tab", "home") == "home":
            self.spawn(self._home(body["team_id"], event), body)

    async def _home(self, team: str, event: dict[str, Any]) -> None:
        user = User(id=event["user"])
        channel = event.get("channel") or f"D-{event['user']}"
        ref = events.conversation(team, channel, channel_type="im")
        view = await home_view(self.core, ref, user)
        try:
            await self.outbound.client.views_publish(user_id=user.id, view=view)
        except Exception as exc:
            log.error("Slack views.publish for %s failed: %s", user.id, reason(exc))

    async def on_member_joined(self, ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        self.spawn(self._joined(body["team_id"], body["event"]), body)

    async def _joined(self, team: str, event: dict[str, Any]) -> None:
        named = events.event_ref(team, event)
        if named is None:  # Slack's member_joined_channel always names its channel
            return
        ref = self._named_ref(named)
        if event.get("user") == self.bot_user_id:
            await self._run(Installed(ref), Origin(ref=ref))
        else:
            await self.core.remember(ref)

    async def on_any_event(self, ack: Ack, body: dict[str, Any]) -> None:
        """Every other event: store the conversation it names, for proactive posts."""
        await ack()
        ref = events.event_ref(body.get("team_id", ""), body.get("event") or {})
        if ref is not None and ref.workspace:
            self.spawn(self.core.remember(self._named_ref(ref)), body)

    # ---- middleware ------------------------------------------------------------------------

    @property
    def middleware(self) -> AsyncMiddleware:
        return _LearnBotId(self)


class _LearnBotId(AsyncMiddleware):
    """Bolt middleware: learn the bot's own user id (from Bolt's auth.test) to ignore our own
    posts. A plain middleware class: Bolt injects no arguments by signature for it."""

    def __init__(self, handlers: SlackHandlers) -> None:
        self.handlers = handlers

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        if self.handlers.bot_user_id is None and req.context.bot_user_id:
            self.handlers.bot_user_id = req.context.bot_user_id
        return await next()


def _delivery(body: dict[str, Any]) -> tuple[str, str] | None:
    """(team, event id) of an Events API delivery, the key a repeat is known by; else None."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return str(body.get("team_id") or ""), str(body["event_id"])
    return None


def _signed(body: dict[str, Any], part: int) -> tuple[str, int] | None:
    """(signature, timestamp) of a signed command or interaction, for `part` of it; else None
    (events, and anything over Socket Mode, which carries no signature)."""
    signed = body.get(SIGNED_FIELD)
    if not isinstance(signed, dict) or not signed.get("signature"):
        return None
    suffix = f"#{part}" if part else ""
    return f"{signed['signature']}{suffix}", int(signed.get("timestamp") or 0)
