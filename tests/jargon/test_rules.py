"""Conditional and existence rules, gentle suggestions, and words that are never jargon."""

from __future__ import annotations

import pytest

from bot.jargon import Lexicon, scan

# (message, words that must be flagged as typed, words that must not be flagged)
CONDITIONAL: list[tuple[str, set[str], set[str]]] = [
    ("We want residents to drive improvement in the borough.", {"drive"}, set()),
    ("The board will drive real change across the county.", {"drive"}, set()),
    ("Can you drive the minibus to the station?", set(), {"drive"}),
    ("I'll drive, and we can change the plan later.", set(), {"drive"}),
    ("Let's drive it forward together.", {"drive"}, set()),
    ("The partnership will deliver services closer to home.", {"deliver"}, set()),
    ("Volunteers deliver the food parcels every Friday.", set(), {"deliver"}),
    ("Our key stakeholders have all replied.", {"key"}, set()),
    ("Our key local partners are on board.", {"key"}, set()),
    ("She is his key worker at the care home.", set(), {"key"}),
    ("The key safe is by the front door.", set(), {"key"}),
    ("Lots of good charities work in this space.", {"space"}, set()),
    ("Can we fit forty people in this space?", set(), {"space"}),
    ("There is a parking space by the entrance.", set(), {"space"}),
    ("It all fits the prevention agenda.", {"agenda"}, set()),
    ("The agenda for Monday is attached.", set(), {"agenda"}),
    ("Match funding could unlock the lottery grant.", {"unlock"}, set()),
    ("Please unlock the side door at six.", set(), {"unlock"}),
    ("Decisions should be taken at place, with residents.", {"place"}, set()),
    ("The meeting place is the library.", set(), {"place"}),
    ("Staff will be deployed to the new hub.", {"deployed"}, set()),
    ("We deployed the website update last night.", set(), {"deployed"}),
    ("The community engagement team is at the market.", {"engagement"}, set()),
    ("Congratulations on your engagement!", set(), {"engagement"}),
    ("Our offer to carers includes a free lunch.", {"offer"}, set()),
    ("Thanks for your kind offer of a lift.", set(), {"offer"}),
    ("The system is under real pressure this winter.", {"system"}, set()),
    ("The booking system is down again.", set(), {"system"}),
]


def flagged(text: str, lexicon: Lexicon) -> set[str]:
    return {text[f.start : f.end] for f in scan(text, lexicon)}


@pytest.mark.parametrize(
    ("text", "must", "must_not"), CONDITIONAL, ids=[t[0][:40] for t in CONDITIONAL]
)
def test_conditional_words_are_flagged_only_in_their_company(
    text: str, must: set[str], must_not: set[str], lexicon: Lexicon
) -> None:
    found = flagged(text, lexicon)
    assert must <= found, f"missed {must - found} in {text!r}"
    assert not (must_not & found), f"wrongly flagged {must_not & found} in {text!r}"


def test_conditional_rules_are_their_own_kind_with_suggestions(lexicon: Lexicon) -> None:
    rule = lexicon.term("drive")
    assert rule is not None and rule.kind == "conditional" and rule.only_when and rule.literal
    [finding] = scan("This group should drive change.", lexicon)
    assert finding.term == "drive" and "lead" in finding.suggestions


def test_a_gap_lets_only_a_few_words_between(lexicon: Lexicon) -> None:
    assert flagged("We will drive lasting, real change.", lexicon) == set()  # a comma ends it
    assert flagged("We will drive better health outcomes.", lexicon) == {"drive"}
    assert flagged("We will drive the old green van for a change.", lexicon) == set()


def test_existence_rules_give_advice_instead_of_a_swap(lexicon: Lexicon) -> None:
    [finding] = scan("We will work with vulnerable people on this.", lexicon)
    assert finding.kind == "jargon" and finding.term == "vulnerable people"
    assert finding.advice.startswith("Say who you mean")
    assert finding.suggestions == (finding.advice,)
    assert lexicon.term("the most vulnerable") is lexicon.term("vulnerable people")


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Bring something, e.g. a photo.", "for example"),
        ("Expenses, i.e. travel and childcare.", "that is"),
        ("Receipts for taxis, parking etc.", "and so on"),
        ("See the report, cf. page 12.", "compare"),
        ("nb the car park shuts at six.", "note"),
    ],
)
def test_latin_short_forms_are_gentle_suggestions(text: str, plain: str, lexicon: Lexicon) -> None:
    [finding] = scan(text, lexicon)
    assert finding.level == "suggestion"
    assert plain in finding.suggestions
    assert finding.to_dict()["level"] == "suggestion"


def test_a_latin_form_typed_in_capitals_is_left_to_the_acronym_check(lexicon: Lexicon) -> None:
    [finding] = scan("My son has CF and sees the team monthly.", lexicon)
    assert (finding.term, finding.kind, finding.level) == ("CF", "acronym", "warning")
    assert [f.term for f in scan("NB the car park shuts at six.", lexicon)] == []


@pytest.mark.parametrize(
    "text",
    [
        "The call is at 4pm UTC, 5pm BST, 6pm CET, or 11am EST.",
        "Clocks go back, so it is 9am GMT from SUNDAY.",
        "We meet MON, TUES and THURS in MARCH, then again in SEPT.",
        "The deadline is FRIDAY 21ST, the room is on the 2ND floor.",
        "The walk is 5 KM, the limit is 50 MPH, the file is 25 MB.",
        "Back on the FIRST of JULY for the THIRD session.",
    ],
)
def test_time_zones_days_months_units_and_ordinals_are_never_jargon(
    text: str, lexicon: Lexicon
) -> None:
    assert scan(text, lexicon) == []


def test_unknown_capitals_are_still_flagged(lexicon: Lexicon) -> None:
    assert [f.term for f in scan("Ask the QZR team on MONDAY.", lexicon)] == ["QZR"]


def test_every_kind_of_rule_is_listed(lexicon: Lexicon) -> None:
    kinds = {r.kind for r in lexicon.rules}
    assert kinds == {"substitution", "conditional", "existence"}
    assert len(lexicon.rules) >= 400
    assert all(r.why and r.suggestions for r in lexicon.rules)


def test_initials_named_as_an_owner_are_never_flagged(lexicon: Lexicon) -> None:
    assert scan("Book the room (action: TR)", lexicon) == []
    assert scan("Letter to the council. Owner - MK", lexicon) == []
    assert [f.term for f in scan("Letter to the council, MK and the ICB.", lexicon)] == [
        "MK",
        "ICB",
    ]


def test_initials_on_a_new_line_or_in_a_list_are_never_flagged(lexicon: Lexicon) -> None:
    text = "Notes from Monday\nSJ to book the room\n2. MK and AB to write to the ICB"
    assert [f.term for f in scan(text, lexicon)] == ["ICB"]
