"""`check` and `report`, the `check.open` and `check.submit` actions, the scores provider and
the eraser. Closing is in `close`, the admin subcommand in `admin`."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..context import Context
from ..hooks import REPORT_TALLIES
from ..marks import action, command, eraser, scores_provider
from ..model import Reply
from . import answers as ans
from . import rounds
from .answers import Answer
from .cards import already_open_card, form_card, report_card, round_card, self_results_card
from .charts import check_labels, trend_chart
from .close import close_command, ensure_closing, plan_close
from .closing import published, results_of, settle
from .minimum import CLOSE_AFTER, close_after, minimum_group_size
from .report import channel_report
from .result_cards import results_card
from .when import in_words

SELF = "self"  # the round value of a private self-check: nothing about it is stored
_OPEN_ATTEMPTS = 5


@command("check", group="team", example="help.example.check", order=20)
async def check_command(ctx: Context, args: str) -> list[Reply]:
    sub, _, rest = args.strip().partition(" ")
    sub = sub.lower()
    if ctx.ref.is_direct:
        return await _direct(ctx, sub, rest)
    if sub in ("", "start", "open", "new"):
        return await start(ctx)
    if sub == "answer":
        return await answer_by_text(ctx, rest)
    if sub in ("results", "result"):
        return await show_results(ctx)
    if sub in ("close", "end", "stop"):
        return await close_command(ctx, rest)
    return [ctx.reply(ctx.say("check.usage"), private=True)]


async def _direct(ctx: Context, sub: str, rest: str) -> list[Reply]:
    """In a direct chat the check is a private self-check: results at once, nothing stored."""
    if sub in ("", "start", "open", "new"):
        return [ctx.reply(card=await form_card(ctx, SELF, personal=True), private=True)]
    if sub == "answer":
        answer = ans.parse_text(rest)
        if answer is None:
            return [ctx.reply(ctx.say("check.answer.how"), private=True)]
        return [ctx.reply(card=await self_results_card(ctx, answer), private=True)]
    return [ctx.reply(ctx.say("check.self.team_hint"), private=True)]


async def start(ctx: Context) -> list[Reply]:
    """Open a round here (planning when it closes on its own first, so every open round has
    its closing planned), or say that one is open already."""
    store, ref = ctx.store, ctx.ref
    owner = await ctx.user_code("check-owner")
    now = ctx.core.clock.now()
    minimum = await minimum_group_size(store, ref.scope)
    for _ in range(_OPEN_ATTEMPTS):
        seq, already = await rounds.next_round(store, ref)
        if already is not None:
            already = await ensure_closing(ctx, already)
            count = await ans.count(store, already)
            when = await in_words(ctx, already.closes)
            card = already_open_card(ctx, already.key, count, minimum, when)
            return [ctx.reply(card=card, private=True)]
        closes = now + close_after(await ctx.setting(CLOSE_AFTER))
        new = rounds.new_round(ref, seq, owner=owner, now=now, closes=closes)
        await plan_close(ctx.core, ref, new)
        if await rounds.add_round(store, new):
            break
    else:
        raise RuntimeError(f"could not open a check round in {ref.channel_key}")

    async def post() -> list[Reply]:  # in the channel's language(s)
        return [ctx.reply(card=round_card(ctx, new.key, minimum, await in_words(ctx, new.closes)))]

    when = await in_words(ctx, new.closes)
    return [
        *await ctx.channel_post(post),
        ctx.reply(ctx.say("check.round.opened_by_you", when=when), private=True),
    ]


async def _round_for(ctx: Context, key: str) -> rounds.Round | None:
    """The round a button or form names, only if it belongs to this workspace."""
    rnd = await rounds.get(ctx.store, key) if key else None
    if rnd is None or rnd.scope != ctx.ref.scope or rnd.status == rounds.DELETED:
        return None
    return rnd


@action("check.open")
async def open_form(ctx: Context) -> list[Reply]:
    """The Answer button: the form, privately, for the person who clicked."""
    key = ctx.event.value.get("round", "")  # type: ignore[attr-defined]
    if key == SELF:
        return [ctx.reply(card=await form_card(ctx, SELF, personal=True), private=True)]
    rnd = await _round_for(ctx, key)
    if rnd is None:
        return [ctx.reply(ctx.say("check.form.unknown"), private=True)]
    if not rnd.is_open:
        return [ctx.reply(ctx.say("check.form.closed"), private=True)]
    if await ctx.store.get(ans.CLAIMS, await ans.person_claim(ctx, rnd)) is not None:
        return [ctx.reply(ctx.say("check.answer.already"), private=True)]
    return [ctx.reply(card=await form_card(ctx, rnd.key), private=True)]


@action("check.submit")
async def submit_form(ctx: Context) -> list[Reply]:
    """The form sent back: record it (or, in a self-check, show the person's own results)."""
    value = dict(ctx.event.value)  # type: ignore[attr-defined]
    answer, missing = ans.parse_form(value)
    if answer is None:
        names = ", ".join(str(n) for n in missing)
        return [ctx.reply(ctx.say("check.form.missing", missing=names), private=True)]
    key = value.get("round", "")
    if key == SELF:
        return [
            ctx.reply(card=await self_results_card(ctx, answer), private=True, replace_card=True)
        ]
    rnd = await _round_for(ctx, key)
    if rnd is None:
        return [ctx.reply(ctx.say("check.form.unknown"), private=True, replace_card=True)]
    return await _record(ctx, rnd, answer, replace_card=True)


async def answer_by_text(ctx: Context, text: str) -> list[Reply]:
    """`check answer 2 3 1 4 0 2 3 1 [as partner]` for this channel's open round."""
    answer = ans.parse_text(text)
    if answer is None:
        how = ctx.say("check.answer.how") + "\n" + ctx.say("check.answer.public_warning")
        return [ctx.reply(how, private=True)]
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None or not rnd.is_open:
        return [ctx.reply(ctx.say("check.answer.no_round"), private=True)]
    return await _record(ctx, rnd, answer)


async def where_it_stands(ctx: Context, rnd: rounds.Round) -> str:
    """An open round, as anyone may see it: how many have answered, how many more are needed
    and when it closes. Never a result."""
    rnd = await ensure_closing(ctx, rnd)
    count = await ans.count(ctx.store, rnd)
    minimum = await minimum_group_size(ctx.store, rnd.scope)
    when = await in_words(ctx, rnd.closes)
    if count >= minimum:
        return ctx.say("check.status.enough", seq=rnd.seq, count=count, when=when)
    more = minimum - count
    return ctx.say(
        "check.status.waiting", seq=rnd.seq, count=count, minimum=minimum, more=more, when=when
    )


async def _record(
    ctx: Context, rnd: rounds.Round, answer: Answer, *, replace_card: bool = False
) -> list[Reply]:
    stored = await ans.record(ctx, rnd, answer, now=ctx.core.clock.now()) if rnd.is_open else None
    if stored is None:
        return [ctx.reply(ctx.say("check.form.closed"), private=True, replace_card=replace_card)]
    if not stored:
        return [ctx.reply(ctx.say("check.answer.already"), private=True, replace_card=replace_card)]
    thanks = ctx.say("check.answer.thanks") + " " + await where_it_stands(ctx, rnd)
    return [ctx.reply(thanks, private=True, replace_card=replace_card)]


async def show_results(ctx: Context) -> list[Reply]:
    """The latest round: its results for the whole channel once it has closed with enough
    answers; while it is open, only how many have answered."""
    rnd = await rounds.latest(ctx.store, ctx.ref)
    if rnd is None:
        return [ctx.reply(ctx.say("check.results.none"), private=True)]
    if rnd.is_open:
        return [ctx.reply(await where_it_stands(ctx, rnd), private=True)]
    rnd = await settle(ctx.store, rnd)
    results = await results_of(ctx.store, rnd)
    if results is None:
        text = ctx.say(
            "check.results.too_few", seq=rnd.seq, count=rnd.answered or 0, minimum=rnd.minimum
        )
        return [ctx.reply(text, private=True)]

    async def post() -> list[Reply]:  # in the channel's language(s)
        return [ctx.reply(card=await results_card(ctx, rnd, results))]

    return await ctx.channel_post(post)


@command("report", group="team", example="help.example.report", order=22)
async def report_command(ctx: Context, args: str) -> list[Reply]:
    found = await channel_report(ctx.store, ctx.ref.scope, ctx.ref.channel)
    if args.strip().lower() == "file":
        sent = await _report_file(ctx)  # with no checks, other features' sections may fill it
        if sent is not None:
            return [sent]
    if not found.count:
        minimum = await minimum_group_size(ctx.store, ctx.ref.scope)
        if args.strip().lower() == "file":
            return [ctx.reply(ctx.say("reportfile.file.none", minimum=minimum), private=True)]
        return [ctx.reply(ctx.say("report.none", minimum=minimum), private=True)]

    votes: dict[int, list[tuple[str, str]]] = {}  # other features' tallies (the nudges votes)
    for tallies in ctx.core.registry.hooked(REPORT_TALLIES):
        votes.update(await tallies(ctx.store, ctx.ref))

    def post() -> list[Reply]:  # in the channel's language(s)
        card = report_card(ctx, list(found.trends), found.count, votes)
        chart = trend_chart(ctx.pack, found.trends, check_labels(ctx.pack, found.seqs))
        return [ctx.reply(card=replace(card, chart=chart))]

    return await ctx.channel_post(post)


async def _report_file(ctx: Context) -> Reply | None:
    """`report file`: this channel's report as an HTML file, sent to the person privately;
    None when it would hold nothing (no checks with results, no other feature's section)."""
    from .report_file import report_file  # the report loads only when one is asked for

    try:
        zone = ZoneInfo(str(await ctx.setting("timezone")))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(ctx.core.settings.COPROD_TIMEZONE)
    file, report = await report_file(
        ctx.store,
        ctx.pack,
        ctx.ref.scope,
        channel=ctx.ref.channel,
        zone=zone,
        now=ctx.core.clock.now(),
        providers=ctx.core.registry.report_providers(),
    )
    if not report.checks and not report.added:
        return None
    return ctx.reply(ctx.say("reportfile.file.ready"), file=file)


@scores_provider
async def latest_scores(ctx: Context) -> dict[int, float]:
    """Per-principle averages of this channel's latest closed round with results; empty if
    none. An open round is never used, whatever it holds."""
    shown = await published(
        ctx.store, await rounds.channel_rounds(ctx.store, ctx.ref.scope, ctx.ref.channel)
    )
    return shown[-1][1].scores() if shown else {}


@eraser
async def forget_person(ctx: Context) -> int:
    """Answers cannot be linked to anyone, so they stay, and so do claims on open rounds (they
    identify nobody, and without them a person could answer twice). What goes: the person's
    code as the opener of rounds (an admin can still close them, and they close on time)."""
    if ctx.user is None:
        return 0
    owner = await ctx.user_code("check-owner")
    return await rounds.forget_owner(ctx.store, ctx.ref.scope, owner)
