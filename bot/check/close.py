"""Ending a round: `check close` (asking first when answers would be deleted unseen), its
confirm button, and closing on its own at the time set when it opened.

Closing on time is a one-off slot (`bot.scheduling.one_off`), planned when
the round opens: the scheduler's claims make the closing post go out once across restarts and
replicas, and after a crash the handler below finishes the close before delivery is checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from ..context import Context
from ..marks import action, one_off
from ..model import ConversationRef, Event, Reply
from ..scheduling.one_off import plan_one_off
from . import answers as ans
from . import rounds
from .closing import finish, results_of, settle
from .confirm_cards import CLOSE_ACTION, close_confirm_card
from .minimum import CLOSE_AFTER, close_after, minimum_group_size
from .result_cards import closed_post
from .rounds import BY_PERSON, BY_TIME, Round
from .when import in_words

if TYPE_CHECKING:
    from ..services import Services
    from ..store import Doc

CLOSE_KIND = "check_close"  # the one-off slot kind that closes a round on time
CONFIRM_WORDS = ("confirm", "yes")


async def plan_close(core: Services, ref: ConversationRef, rnd: Round) -> None:
    """Plan the round's closing at `rnd.closes` (a slot named by the round's number)."""
    await plan_one_off(core, ref, CLOSE_KIND, str(rnd.seq), datetime.fromisoformat(rnd.closes))


async def ensure_closing(ctx: Context, rnd: Round) -> Round:
    """A round opened before rounds closed on their own gets its closing time the first time
    anyone looks at it: the usual time after it opened, or now if that has passed."""
    if not rnd.is_open or rnd.closes:
        return rnd
    now = ctx.core.clock.now()
    opened = datetime.fromisoformat(rnd.opened) if rnd.opened else now
    when = rounds.minute(max(opened + close_after(await ctx.setting(CLOSE_AFTER)), now))
    await plan_close(ctx.core, ctx.ref, replace(rnd, closes=when))
    await ctx.store.update(
        rounds.ROUNDS, rnd.key, {"closes": when}, expect={"status": rounds.OPEN, "closes": None}
    )
    return await rounds.get(ctx.store, rnd.key) or rnd


async def _may_close(ctx: Context, rnd: Round) -> bool:
    is_owner = bool(rnd.owner) and rnd.owner == await ctx.user_code("check-owner")
    return is_owner or await ctx.is_admin()


async def close_command(ctx: Context, rest: str) -> list[Reply]:
    """`check close [confirm]`: the person who opened the round, or an admin."""
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None or not rnd.is_open:
        return [ctx.reply(ctx.say("check.close.nothing_open"), private=True)]
    if not await _may_close(ctx, rnd):
        return [ctx.reply(ctx.say("check.close.not_allowed"), private=True)]
    return await _close(ctx, rnd, confirmed=rest.strip().lower() in CONFIRM_WORDS)


@action(CLOSE_ACTION)
async def close_confirmed(ctx: Context) -> list[Reply]:
    """The "end it and delete the answers" button: rights are checked again."""
    key = ctx.event.value.get("round", "")  # type: ignore[attr-defined]
    rnd = await rounds.get(ctx.store, key) if key else None
    if rnd is None or rnd.scope != ctx.ref.scope or not rnd.is_open:
        return [ctx.reply(ctx.say("check.close.nothing_open"), private=True, replace_card=True)]
    if not await _may_close(ctx, rnd):
        return [ctx.reply(ctx.say("check.close.not_allowed"), private=True)]
    return await _close(ctx, rnd, confirmed=True, from_button=True)


async def _close(
    ctx: Context, rnd: Round, *, confirmed: bool, from_button: bool = False
) -> list[Reply]:
    rnd = await ensure_closing(ctx, rnd)
    count = await ans.count(ctx.store, rnd)
    minimum = await minimum_group_size(ctx.store, rnd.scope)
    if 0 < count < minimum and not confirmed:
        when = await in_words(ctx, rnd.closes)
        card = close_confirm_card(ctx, rnd.key, rnd.seq, count, minimum, when)
        return [ctx.reply(card=card, private=True)]
    closed = await finish(ctx.store, rnd, now=ctx.core.clock.now(), by=BY_PERSON)
    if closed is None:
        return [ctx.reply(ctx.say("check.close.nothing_open"), private=True)]
    post = await closed_post(ctx, closed, await results_of(ctx.store, closed))
    if not from_button:
        return [post]
    if ctx.ref.channel != rnd.channel:  # the button was in a personal chat (Teams)
        post = replace(post, to=await ctx.core.conversation(f"{rnd.scope}:{rnd.channel}"))
    # The private note first: on Teams it replaces the confirm card, and the post still goes
    # to the round's channel.
    done = ctx.reply(ctx.say("check.close.confirmed", seq=rnd.seq), private=True, replace_card=True)
    return [done, post]


@one_off(CLOSE_KIND)
async def close_on_time(core: Services, slot: Doc) -> Reply | None:
    """Close the slot's round if it is still open, and return the closing post, for the
    scheduler to make once. None when a person closed it first (they had the post), or when
    the round was deleted or never opened."""
    store = core.store
    rnd = await rounds.get(store, f"{slot['channel_key']}#{slot['source']}")
    if rnd is None or not rnd.closes:
        return None
    if datetime.fromisoformat(rnd.closes) != datetime.fromisoformat(slot["occurrence"]):
        return None  # a slot left by someone who lost the race to open this round
    if rnd.is_open:
        await finish(store, rnd, now=core.clock.now(), by=BY_TIME)
        rnd = await rounds.get(store, rnd.key) or rnd
    if rnd.closed_by != BY_TIME or rnd.status == rounds.DELETED:
        return None
    rnd = await settle(store, rnd)  # after a crash part-way through the close
    ref = await core.conversation(slot["channel_key"])
    if ref is None:
        return None
    ctx = Context(core, Event(ref))
    return await closed_post(ctx, rnd, await results_of(store, rnd))
