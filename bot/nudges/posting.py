"""Posting one claimed nudge: in the channel's languages, paced, under a renewed claim, marked."""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..hooks import REFLECTION_CARD
from ..languages.posting import in_locales
from ..scheduling.slots import MAX_ATTEMPTS, SENDING, SENT, SKIPPED, day_of, iso, stamp, ts
from .cards import nudge_reply
from .delivery import confirms_delivery
from .planner import REFLECTION
from .scheduler_state import SchedulerState, TickReport
from .tallies import posted

if TYPE_CHECKING:
    from ..model import ConversationRef, Reply
    from ..store import Doc

log = logging.getLogger("bot.nudges.scheduler")


class Posting(SchedulerState):
    """Send a claimed slot's post and mark the slot sent or skipped."""

    async def _nudge_post(self, ref: ConversationRef, doc: Doc) -> Reply:
        """The nudge's post in the channel's language(s): one post, Welsh first when both."""
        pack = self.core.pack
        hooks = self.core.registry.hooked(REFLECTION_CARD)  # what other features add
        posts = await in_locales(
            await self.core.languages.channel_locales(ref),
            lambda: [nudge_reply(pack, doc["kind"], doc["content"], doc["nudge"], hooks=hooks)],
        )
        return posts[0]

    async def _send(
        self,
        doc: Doc,
        ref: ConversationRef,
        token: str,
        now: datetime,
        report: TickReport,
        reply: Reply | None = None,
    ) -> None:
        key = doc["_key"]
        reply = reply or await self._nudge_post(ref, doc)
        await self.pacer.wait(str(ref.platform), ref.channel)
        # Renew the claim just before posting: from here the post has `send_timeout` seconds,
        # below the claim timeout, so no other replica can judge this claim stale while the
        # post may still be made. A new token: a replica that already judged the old claim
        # stale cannot take this one, and if one took it meanwhile, nothing is posted here.
        renewed = uuid.uuid4().hex
        if not await self.slots.update(
            key,
            {"claim": renewed, "claimed_at": stamp(await self.claims.now())},
            expect={"state": SENDING, "claim": token},
        ):
            log.warning("Nudge %s was taken over by another worker before posting; not posted", key)
            return
        token = renewed
        try:
            message_id = await asyncio.wait_for(self.core.send(ref, reply), self.send_timeout)
            failure = None if message_id is not None else "the platform did not accept the post"
        except TimeoutError:
            # Cut short: it may have been posted or not. Settled as any unknown outcome is.
            failure = f"the post took longer than {self.send_timeout:g} s; its outcome is unknown"
            log.warning("Nudge %s: %s", key, failure)
        except Exception as exc:
            log.exception("Nudge %s could not be posted", key)
            failure = repr(exc)
        if failure is not None:
            # Adapters log a post that still fails after their own retries and return None.
            # Only a send that failed counts towards giving up; a claim taken again after a
            # restart does not (a crash loop must not drop nudges that never failed).
            failures = doc.get("failures", 0) + 1
            if confirms_delivery(self.core, ref) and failures < MAX_ATTEMPTS:
                log.warning("Nudge %s: send failed (%s); will check and retry", key, failure)
                await self.slots.update(
                    key, {"failures": failures}, expect={"state": SENDING, "claim": token}
                )
                self.slots.push(ts(self.clock.now() + self.claim_timeout), key)
                return
            await self._finish(key, token, SKIPPED, report, reason=f"send failed: {failure}")
            return
        await self._finish(
            key, token, SENT, report, sent_at=iso(self.clock.now()), message_id=message_id
        )
        if doc["kind"] == REFLECTION and message_id:
            await posted(self.core, ref, doc["nudge"], message_id)

    async def _finish(
        self, key: str, token: str, state: str, report: TickReport, **fields: Any
    ) -> None:
        done = {"state": state, "done": day_of(self.clock.now()), **fields}
        if not await self.slots.update(key, done, expect={"state": SENDING, "claim": token}):
            log.warning("Nudge %s changed hands before it could be marked %s", key, state)
            return
        if state == SENT:
            report.sent += 1
        else:
            report.skipped[fields.get("reason", "")] += 1
            log.info("Skipped nudge %s: %s", key, fields.get("reason"))
