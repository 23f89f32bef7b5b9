"""Properties of parsing and results over many generated answers (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.check.answers import Answer, parse_text
from bot.check.results import summarise

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
@given(answers, answers)
def test_results_are_consistent(now: list[Answer], before: list[Answer]) -> None:
    results = summarise(now, before)
    partners = sum(a.role == "partner" for a in now)
    staff = sum(a.role == "staff" for a in now)
    assert results.groups_shown == (partners >= 3 and staff >= 3)
    for p in results.principles:
        assert p.tally.scored + p.tally.dont_know == len(now)
        if p.average is not None:
            assert 1.0 <= p.average <= 4.0
        assert (p.gap is not None) == (
            results.groups_shown and p.partners is not None and p.staff is not None
        )
    focus = results.focus()
    assert (focus is None) == all(p.average is None for p in results.principles)
