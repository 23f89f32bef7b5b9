"""The Teams activity handler: each activity becomes a core event, each reply a Teams post."""

from __future__ import annotations

import logging
from dataclasses import replace
from http import HTTPStatus
from typing import Any

from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.schema import Activity, ActivityTypes

from bot.core import Core
from bot.model import (
    Card,
    CardAction,
    ChatKind,
    ConversationRef,
    Event,
    Installed,
    Reply,
    Text,
)
from bot.prompts import EN, speaking

from . import events
from .answer import Turn, answer
from .dedupe import ActivityDedupe
from .render import card_json, plain_text
from .send import Outbound, remember_personal
from .typed import card_as_typed

log = logging.getLogger(__name__)
CARD_RESPONSE = "application/vnd.microsoft.card.adaptive"
MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message"
NOTE_CARD = "teams.note"
REF = "coprod.ref"  # turn_state: the activity's ConversationRef, made once a turn


def ref_of(turn_context: TurnContext) -> ConversationRef:
    """Where the turn's activity is from, worked out once a turn (`TurnContext.turn_state`)."""
    ref = turn_context.turn_state.get(REF)
    if ref is None:
        ref = turn_context.turn_state[REF] = events.conversation_ref(turn_context.activity)
    return ref


class CoprodBot(TeamsActivityHandler):
    """Thin: translate, call `core.handle`, deliver. No product logic lives here."""

    def __init__(self, core: Core, outbound: Outbound) -> None:
        self.core = core
        self.outbound = outbound
        self.dedupe = ActivityDedupe(core.store, core.clock)

    async def on_turn(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if not await self.dedupe.first_time(activity):
            if activity.type == ActivityTypes.invoke:
                with speaking(await self._their_locale(activity)):
                    await self._answer_repeat(turn_context)
            return  # a redelivery: handled the first time
        try:
            ref = ref_of(turn_context)
            user = events.person(activity)
            if ref.kind == ChatKind.DIRECT and user is not None:
                await remember_personal(self.core.store, ref, user)
            await super().on_turn(turn_context)
        except BaseException:
            await self.dedupe.forget(activity)
            raise

    async def _answer_repeat(self, turn_context: TurnContext) -> None:
        """A repeated invoke still needs an answer; the first delivery did the work."""
        body = {
            "statusCode": 200,
            "type": MESSAGE_RESPONSE,
            "value": self.core.pack.say("teams.action_done"),
        }
        response = InvokeResponse(status=int(HTTPStatus.OK), body=body)
        await turn_context.send_activity(
            Activity(type=ActivityTypes.invoke_response, value=response)
        )

    async def _their_locale(self, activity: Activity) -> str:
        """The locale of the person who sent `activity`: their `language` choice, else the
        activity's `locale`, else the channel's language."""
        try:
            ref, user = events.conversation_ref(activity), events.person(activity)
        except Exception:  # an activity too broken to say where it is from: English
            return EN
        return await self.core.languages.person_locale(ref, user)

    async def _remember(self, turn_context: TurnContext) -> None:
        """Activities that are not core events still refresh the stored reference."""
        await self.core.remember(ref_of(turn_context))

    # ---- activity types ----------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        event = events.message_event(turn_context.activity, ref_of(turn_context))
        if event is None:
            await self._remember(turn_context)
            return
        await self._reply(turn_context, event, await self.core.handle(event))

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if not events.bot_was_added(activity):
            await self._remember(turn_context)
            return
        event = Installed(ref_of(turn_context), events.person(activity))
        await self._reply(turn_context, event, await self.core.handle(event))

    async def on_teams_meeting_end_event(self, meeting: Any, turn_context: TurnContext) -> None:
        raw = meeting if isinstance(meeting, dict) else {}
        event = events.meeting_ended(turn_context.activity, raw)
        await self._reply(turn_context, event, await self.core.handle(event))

    async def on_event_activity(self, turn_context: TurnContext) -> None:
        await self._remember(turn_context)
        await super().on_event_activity(turn_context)

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        if turn_context.activity.name != "adaptiveCard/action":
            await self._remember(turn_context)
            with speaking(await self._their_locale(turn_context.activity)):
                return self._not_handled(turn_context.activity.name)
        event = events.execute_action(turn_context.activity)
        if event is None:
            return InvokeResponse(
                status=int(HTTPStatus.BAD_REQUEST),
                body={
                    "statusCode": 400,
                    "type": "application/vnd.microsoft.error",
                    "value": {"code": "BadRequest", "message": "Missing action verb"},
                },
            )
        replies = await self.core.handle(event)
        shown, note, rest = self._invoke_answer(event, replies)
        await self._reply(turn_context, event, rest)
        locale = replies[0].locale if replies else None
        with speaking(locale or await self._their_locale(turn_context.activity)):  # theirs
            return self._invoke_body(event, shown, note)

    def _invoke_body(self, event: Event, shown: Card | None, note: str) -> InvokeResponse:
        """The invoke's answer: the card shown in place of the one acted on, or a note."""
        if shown is not None:
            typed = card_as_typed(shown, direct=event.ref.kind == ChatKind.DIRECT)
            value = card_json(typed, required_message=self.core.pack.say("teams.form.required"))
            if not shown.title:
                value["body"] = value["body"][1:]  # a note card has no heading
            body = {"statusCode": 200, "type": CARD_RESPONSE, "value": value}
        else:
            body = {
                "statusCode": 200,
                "type": MESSAGE_RESPONSE,
                "value": plain_text(note) if note else self.core.pack.say("teams.action_done"),
            }
        return InvokeResponse(status=int(HTTPStatus.OK), body=body)

    def _not_handled(self, name: str | None) -> InvokeResponse:
        """An invoke coprod does not offer (a dialog, a message extension, sign-in…): a 200
        whose body Teams shows as a short message, in the shape that invoke expects."""
        log.info("Teams invoke %r is not one coprod answers", (name or "")[:80])
        text = self.core.pack.say("teams.invoke_unsupported")
        kind = (name or "").partition("/")[0]
        if kind == "task":
            body: dict[str, Any] = {"task": {"type": "message", "value": text}}
        elif kind == "composeExtension":
            body = {"composeExtension": {"type": "message", "text": text}}
        else:
            body = {"statusCode": 200, "type": MESSAGE_RESPONSE, "value": text}
        return InvokeResponse(status=int(HTTPStatus.OK), body=body)

    @staticmethod
    def _invoke_answer(
        event: CardAction, replies: list[Reply]
    ) -> tuple[Card | None, str, list[Reply]]:
        """What answers an Action.Execute in place: (card, message, the replies left to post).

        Teams shows the card in an invoke response to the person who clicked, and to nobody
        else (it replaces the card for them alone), so a private card for that person may
        answer here even in a channel: the check form opens where its button is. A private
        text that replaces the card becomes a note card, with a private card that follows it
        folded in underneath (thanks, then the results). With no card, the first private
        text for that person is the short message Teams shows them."""
        shown: Card | None = None
        note = ""
        rest: list[Reply] = []
        for reply in replies:
            own = reply.to is None and (
                not reply.private
                or reply.recipient is None
                or event.user is None
                or reply.recipient.id == event.user.id
            )
            if shown is None and own and reply.card is not None:
                shown = reply.card
            elif shown is None and own and reply.private and reply.replace_card and reply.text:
                shown = Card("", reply.text, (Text(reply.text),), NOTE_CARD)
            elif (
                shown is not None
                and shown.id == NOTE_CARD
                and own
                and reply.private
                and reply.card is not None
            ):
                card = reply.card
                shown = replace(
                    card,
                    fallback_text=f"{shown.fallback_text} {card.fallback_text}",
                    blocks=(*shown.blocks, *card.blocks),
                )
            else:
                rest.append(reply)
        if shown is None:
            for i, reply in enumerate(rest):
                if reply.to is None and reply.private and reply.card is None and reply.text:
                    note = reply.text
                    rest = rest[:i] + rest[i + 1 :]
                    break
        return shown, note, rest

    async def _reply(self, turn_context: TurnContext, event: Event, replies: list[Reply]) -> None:
        """Answer the activity with the core's replies (`answer.answer`, as `Adapter.reply`)."""
        await answer(self.outbound, Turn.of(turn_context.activity, event), replies)
