"""Outbound: deliver neutral replies as ephemeral or public posts, thread replies, modals and
in-place card updates, logging every post that fails (never silently dropped)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot import adapter as contract
from bot.model import ChatKind, Context, ConversationRef, Reply, Threading, User
from bot.prompts import EN, PromptPack, speaking

from .errors import reason
from .files import direct_chat, send_file
from .forms import FormShelf
from .metadata import nudge_metadata
from .modal import FormTarget, first_form, form_view
from .origin import Origin
from .poster import Poster
from .render import MAX_BLOCKS, fallback_text, reply_blocks
from .retry import SafeConnectionRetryHandler, never_sent

if TYPE_CHECKING:
    from .pictures import ChartUploads

log = logging.getLogger(__name__)
RETRIES = 3
# Errors after which a reply to a slash command can still go out through its response_url.
NOT_A_MEMBER = frozenset({"not_in_channel", "channel_not_found", "is_archived"})


def retry_handlers() -> list[Any]:
    """What is safe to repeat: a 429 (Slack did nothing; wait for its `Retry-After`) and a
    connection that never opened. A post whose connection broke after it was sent is never
    re-sent here: it may have gone out (see `retry.SafeConnectionRetryHandler`)."""
    return [
        SafeConnectionRetryHandler(max_retry_count=1),
        AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
    ]


def web_client(
    token: str, base_url: str = "", session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """The Web API client: `SLACK_API_URL` overrides the base URL (tests, proxies). A shared
    `session` keeps connections open between calls (the SDK opens one per call otherwise)."""
    kwargs: dict[str, Any] = {"base_url": base_url} if base_url else {}
    return AsyncWebClient(token=token, retry_handlers=retry_handlers(), session=session, **kwargs)


class Outbound:
    """Turns replies into Web API calls. Every failure is logged with channel and reason."""

    def __init__(
        self,
        client: AsyncWebClient,
        pack: PromptPack,
        forms: FormShelf,
        session: aiohttp.ClientSession,
        pictures: ChartUploads | None = None,
    ) -> None:
        self.client = client  # everything but the hot path below
        self.poster = Poster(client, session)  # posts, ephemerals, updates, response URLs
        self.pack = pack
        self.forms = forms
        self.pictures = pictures  # charts as uploaded images; None: charts stay text

    # ---- entry points ----------------------------------------------------------------------

    async def reply(self, origin: contract.Origin, replies: Sequence[Reply]) -> None:
        """Deliver the replies to an interaction, in order (`Adapter.reply`). A plain origin,
        without Slack's handles, is answered through the Web API alone; the thread it is in
        is the thread a THREAD reply joins."""
        if not isinstance(origin, Origin):
            origin = Origin(
                origin.ref.in_thread(None),
                origin.user,
                origin.message_id,
                thread=origin.ref.thread,
            )
        for reply in replies:
            try:
                await self._deliver(reply, origin)
            except Exception as exc:  # one bad reply never stops the next
                log.error("Slack reply to channel %s failed: %s", origin.ref.channel, reason(exc))

    async def send(self, ref: ConversationRef, reply: Reply) -> str | None:
        """A proactive post (nudges, follow-ups). Private replies need a recipient. A nudge
        carries its id (`reply.key`) in the message metadata (see `delivery.DeliveryCheck`)."""
        metadata = nudge_metadata(reply.key) if reply.key else None
        origin = Origin(ref=ref.in_thread(None), thread=ref.thread, metadata=metadata)
        try:
            return await self._deliver(reply, origin)
        except Exception as exc:
            log.error("Slack post to channel %s failed: %s", ref.channel, reason(exc))
            return None

    async def update(self, ref: ConversationRef, message_id: str, reply: Reply) -> bool:
        """Replace the bot's post `message_id` (its `ts`) in `ref`'s channel with `reply`."""
        try:
            with speaking(reply.locale or EN):
                payload = await self._payload(reply)
            await self.poster.call(
                "chat.update", {"channel": ref.channel, "ts": message_id, **payload}
            )
            return True
        except Exception as exc:
            log.warning("Slack chat.update in channel %s failed: %s", ref.channel, reason(exc))
            return False

    # ---- routing ---------------------------------------------------------------------------

    async def _deliver(self, reply: Reply, origin: Origin) -> str | None:
        """One reply, with the adapter's own words (form button, modal, file notes) in the
        reply's language."""
        with speaking(reply.locale or EN):
            return await self._route(reply, origin)

    async def _route(self, reply: Reply, origin: Origin) -> str | None:
        if reply.file is not None:
            reply = await self._with_file(reply, origin)
        ref = reply.to or origin.ref
        own = reply.to is None  # replying where the interaction happened
        thread = self._thread(reply, origin, ref)
        form = first_form(reply.card)
        if reply.private:
            recipient = reply.recipient or origin.user
            if recipient is None:
                log.error(
                    "Slack: refused a private reply to channel %s with no recipient", ref.channel
                )
                return None
            is_caller = origin.user is not None and recipient.id == origin.user.id
            if form is not None and own and is_caller and origin.trigger_id:
                if await self._open_modal(reply, origin):
                    return None
            if own and reply.replace_card and origin.ephemeral_message:
                if await self._replace(reply, origin):
                    return None
            return await self._private(reply, origin, ref, recipient, thread, own and is_caller)
        if own and reply.replace_card and origin.message_id and not origin.ephemeral_message:
            if await self._replace(reply, origin):
                return None
        return await self._public(reply, origin, ref, thread, own)

    async def _with_file(self, reply: Reply, origin: Origin) -> Reply:
        """Send the reply's file into the person's direct chat; the reply then says where it
        is, or that it could not be sent."""
        file = reply.file
        assert file is not None
        recipient = reply.recipient or origin.user
        if recipient is None or not await send_file(self.client, recipient.id, file):
            text = self.pack.say("files.failed", name=file.name)
            return replace(reply, file=None, text=text, card=None, recipient=recipient)
        where = self.pack.say("files.slack.where")
        if reply.card is not None:
            card = replace(reply.card, blocks=(*reply.card.blocks, Context(where)))
            return replace(reply, file=None, card=card, recipient=recipient)
        text = " ".join(t for t in (reply.text, where) if t)
        return replace(reply, file=None, text=text, recipient=recipient)

    def _thread(self, reply: Reply, origin: Origin, ref: ConversationRef) -> str | None:
        if reply.to is not None:
            return reply.to.thread
        if reply.threading == Threading.THREAD:
            return origin.thread or ref.thread
        return None

    async def _payload(self, reply: Reply, channel: str = "") -> dict[str, Any]:
        form = first_form(reply.card)
        keys = {form.id: await self.forms.keep(reply.card, form)} if form and reply.card else {}
        blocks = reply_blocks(
            reply, open_form_label=self.pack.say("slack.form.open"), form_keys=keys
        )
        chart = reply.card.chart if reply.card is not None else None
        if chart is not None and self.pictures is not None and len(blocks) < MAX_BLOCKS:
            blocks = await self.pictures.shown_in(blocks, chart, channel)
        payload: dict[str, Any] = {"text": fallback_text(reply)}
        if blocks:
            payload["blocks"] = blocks
        return payload

    # ---- the ways out ----------------------------------------------------------------------

    async def _private(
        self,
        reply: Reply,
        origin: Origin,
        ref: ConversationRef,
        recipient: User,
        thread: str | None,
        caller_here: bool,
    ) -> str | None:
        payload = await self._payload(reply, ref.channel)
        if caller_here and ref.is_direct:  # a direct chat is already private
            return await self._post(ref, payload, thread)
        if caller_here and origin.response_url and not thread:
            done = await self._respond(origin.response_url, ref, payload, response_type="ephemeral")
            if done or done is None:
                # None: Slack may have shown it. Sending it again privately could show the
                # person the same reply twice, so it is left at that (the failure is logged).
                return None
        if not caller_here:
            # Not an answer to this person (a reminder, a note to an owner): an ephemeral
            # message reaches only someone looking at the channel then, and is gone on reload,
            # so it goes to their direct chat with the bot instead.
            direct = await self._direct_chat(recipient.id)
            if direct:
                chat = replace(ref, channel=direct, kind=ChatKind.DIRECT, thread=None)
                return await self._post(chat, payload, None)
        resp = await self.poster.call(
            "chat.postEphemeral",
            {"channel": ref.channel, "user": recipient.id, "thread_ts": thread, **payload},
        )
        return str(resp.get("message_ts") or "") or None

    async def _direct_chat(self, user_id: str) -> str:
        """The id of the person's direct chat with the bot, or "" (logged)."""
        try:
            return await direct_chat(self.client, user_id)
        except SlackApiError as exc:
            log.warning("Slack: no direct chat with %s: %s", user_id, reason(exc))
            return ""

    async def _public(
        self, reply: Reply, origin: Origin, ref: ConversationRef, thread: str | None, own: bool
    ) -> str | None:
        payload = await self._payload(reply, ref.channel)
        if origin.metadata and own:
            payload["metadata"] = origin.metadata
        try:
            return await self._post(ref, payload, thread)
        except SlackApiError as exc:
            if own and origin.response_url and reason(exc) in NOT_A_MEMBER:
                # The bot is not in this channel, but a slash command can still answer in it.
                log.info("Slack: not in %s; answering through response_url", ref.channel)
                if await self._respond(
                    origin.response_url, ref, payload, response_type="in_channel"
                ):
                    return None
            raise

    async def _post(self, ref: ConversationRef, payload: dict[str, Any], thread: str | None) -> str:
        resp = await self.poster.call(
            "chat.postMessage",
            {
                "channel": ref.channel,
                "thread_ts": thread,
                "unfurl_links": False,
                "unfurl_media": False,
                **payload,
            },
        )
        return str(resp.get("ts") or "")

    async def _respond(
        self, url: str, ref: ConversationRef, payload: dict[str, Any], **options: Any
    ) -> bool | None:
        """Post to a response URL: True when Slack took it, False when it surely did not (a
        connection never opened, a 4xx such as an expired URL), None when the outcome is
        unknown (the connection broke after sending, a 5xx): then nothing should re-send it."""
        try:
            resp = await self.poster.respond(url, {**payload, **options})
        except Exception as exc:
            if never_sent(exc):
                log.warning(
                    "Slack response_url for channel %s failed: %s", ref.channel, reason(exc)
                )
                return False
            log.warning(
                "Slack response_url for channel %s failed with an unknown outcome (%s); "
                "the reply is not sent again",
                ref.channel,
                reason(exc),
            )
            return None
        if resp.status != 200:
            unknown = resp.status >= 500
            log.warning(
                "Slack response_url for channel %s failed: HTTP %s %s%s",
                ref.channel,
                resp.status,
                resp.body.decode("utf-8", "replace"),
                " (unknown outcome; the reply is not sent again)" if unknown else "",
            )
            return None if unknown else False
        return True

    async def _replace(self, reply: Reply, origin: Origin) -> bool:
        """Replace the message whose button was clicked. False when it could not be."""
        payload = await self._payload(reply, origin.ref.channel)
        done: bool | None = False
        if origin.response_url:
            options = {"replace_original": True}
            done = await self._respond(origin.response_url, origin.ref, payload, **options)
            if done:
                return True
        if origin.message_id and not origin.ephemeral_message:
            try:
                await self.poster.call(
                    "chat.update",
                    {"channel": origin.ref.channel, "ts": origin.message_id, **payload},
                )
                return True
            except SlackApiError as exc:
                log.warning(
                    "Slack chat.update in channel %s failed: %s", origin.ref.channel, reason(exc)
                )
        if done is None:  # it may have been replaced: a new post could show it twice
            return True
        return False

    async def _open_modal(self, reply: Reply, origin: Origin) -> bool:
        form = first_form(reply.card)
        assert form is not None and reply.card is not None and origin.trigger_id
        trigger, origin.trigger_id = origin.trigger_id, None  # single use
        return await self.open_form(reply.card, form, origin, trigger)

    async def open_form(self, card: Any, form: Any, origin: Origin, trigger_id: str) -> bool:
        """Open `form` as a modal for the person who clicked or typed; False if Slack refused."""
        target = FormTarget(
            action_id=form.action_id,
            value=dict(form.value),
            channel=origin.ref.channel,
            team=origin.ref.workspace,
            thread=origin.thread,
            channel_name=origin.ref.channel_name,
        )
        view = form_view(card, form, target, close_label=self.pack.say("slack.modal.close"))
        try:
            await self.client.views_open(trigger_id=trigger_id, view=view)
            return True
        except Exception as exc:
            log.warning(
                "Slack views.open for channel %s failed: %s; posting the form instead",
                origin.ref.channel,
                reason(exc),
            )
            return False
