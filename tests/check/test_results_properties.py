"""Properties of parsing and results over many generated answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.check.answers import Answer, parse_text
from bot.check.results import Results, summarise

scores = st.tuples(*[st.integers(0, 4)] * 8)
answers = st.lists(
    st.builds(Answer, scores, st.sampled_from(["", "partner", "staff", "other"])), max_size=20
)


@settings(max_examples=200, deadline=None)
@given(
    scores,
    st.sampled_from(["", " as partner", " staff", ",as other"]),
    st.sampled_from([" ", ",", ", ", ""]),
)
def test_any_eight_scores_round_trip_through_the_text_form(
    values: tuple[int, ...], role: str, sep: str
) -> None:
    parsed = parse_text(sep.join(str(v) for v in values) + role)
    assert parsed is not None and parsed.scores == values
    assert parsed.role == role.strip(" ,").removeprefix("as ").strip()


@settings(max_examples=200, deadline=None)
@given(answers, answers, st.integers(3, 7))
def test_results_are_consistent(now: list[Answer], before: list[Answer], minimum: int) -> None:
    previous = summarise(before, minimum=minimum)
    results = summarise(now, minimum=minimum).after(previous)
    partners = sum(a.role == "partner" for a in now)
    staff = sum(a.role == "staff" for a in now)
    assert results.groups_shown == (partners >= minimum and staff >= minimum)
    for p in results.principles:
        assert p.tally.scored + p.tally.dont_know == len(now)
        if p.average is not None:
            assert 1.0 <= p.average <= 4.0
        assert (p.gap is not None) == (
            results.groups_shown and p.partners is not None and p.staff is not None
        )
        assert (p.change is None) == (p.average is None or p.previous is None)
    focus = results.focus()
    assert (focus is None) == all(p.average is None for p in results.principles)


@settings(max_examples=200, deadline=None)
@given(answers, st.integers(3, 7))
def test_kept_totals_give_back_the_same_results_and_exact_averages(
    now: list[Answer], minimum: int
) -> None:
    """What a closed round keeps (counts only) gives the same results, and averages equal to
    the mean of the raw scores (so the export rounds them once)."""
    results = summarise(now, minimum=minimum)
    doc = results.doc()
    assert Results.from_doc(doc) == results
    if not results.groups_shown:
        assert doc["partner"] is None and doc["staff"] is None
    for n in range(1, 9):
        scores = [a.score(n) for a in now if a.score(n)]
        exact = sum(scores) / len(scores) if scores else None
        assert results.by_number(n).tally.average == exact
