"""A table of realistic messages: what must be flagged, and what must not."""

from __future__ import annotations

import pytest

from bot.jargon import Lexicon, scan

# (message, words that must be flagged as typed, words that must not be flagged)
TABLE: list[tuple[str, set[str], set[str]]] = [
    # Meetings and minutes
    ("Going forward we will leverage our partners' skills.", {"Going forward", "leverage"}, set()),
    (
        "We leveraged the grant and are leveraging volunteers too.",
        {"leveraged", "leveraging"},
        set(),
    ),
    ("Can we touch base on Thursday about the survey?", {"touch base"}, {"Thursday"}),
    (
        "Thanks for reaching out, I'll circle back next week.",
        {"reaching out", "circle back"},
        set(),
    ),
    (
        "We need to hear from hard-to-reach groups, not just service users.",
        {"hard-to-reach", "service users"},
        set(),
    ),
    ("Minutes: the ICB will update the ToR before the next meeting.", {"ICB", "ToR"}, set()),
    ("Please send your KPIs and the ICB's comments by Friday.", {"KPI", "ICB"}, set()),
    ("The agenda for Tuesday is attached, please add any items.", set(), {"agenda"}),
    ("Can we put funding on the agenda?", set(), {"agenda"}),
    ("This work is part of the prevention agenda.", {"agenda"}, set()),
    ("Item 4 on today's agenda: AOB.", {"AOB"}, {"agenda"}),
    # Literal senses
    ("I left the key under the mat by the back door.", set(), {"key"}),
    ("Has anyone got a spare key for the cupboard?", set(), {"key"}),
    ("Our key priorities are housing and transport.", {"key"}, set()),
    ("Can you drive the minibus to Chester on Saturday?", set(), {"drive"}),
    ("I can drive if someone else does the map.", set(), {"drive"}),
    ("The papers are on the shared drive.", set(), {"drive"}),
    ("We want this group to drive change in the borough.", {"drive"}, set()),
    ("Our foster carers group meets on the first Monday.", set(), {"foster"}),
    ("Mrs Foster has sent her apologies.", set(), {"Foster"}),
    ("How can we foster trust between staff and partners?", {"foster"}, set()),
    ("Volunteers will deliver leaflets door to door on Saturday.", set(), {"deliver"}),
    ("The new team will deliver better outcomes for residents.", {"deliver"}, set()),
    ("My food delivery was late again.", set(), {"delivery"}),
    ("Service delivery has improved since April.", {"delivery"}, set()),
    ("The bus journey to the hospital takes an hour.", set(), {"journey"}),
    ("Let's map the patient journey together.", {"patient journey"}, set()),
    ("Please roll out the pastry and chill it.", set(), {"roll out"}),
    ("We will roll out the new form in March.", {"roll out"}, set()),
    ("She has an alcohol dependency and is getting support.", set(), {"dependency"}),
    ("The disabled toilet is on the ground floor.", set(), {"disabled"}),
    # Never flag: code, links, mentions, emoji, hashtags
    ("Run `ICB --sync` then check https://example.org/ICB/KPI for results.", set(), {"ICB", "KPI"}),
    (
        "```\nSELECT * FROM KPI WHERE leverage > 1\n```\nThat query is fine.",
        set(),
        {"KPI", "leverage"},
    ),
    ("Email ICB.team@example.nhs.uk or visit www.gov.uk/KPI today.", set(), {"ICB", "KPI"}),
    ("<@U0123ABC> and <#C024BE7LR|ICB-chat> please see <!here>.", set(), {"ICB", "U0123ABC"}),
    ("<https://example.org/a|the ICB report> is out.", set(), {"ICB"}),
    # A Teams `<at>ICB Team</at>` is resolved by the adapter (tests/adapters/teams/
    # test_jargon_wire.py); the core gets the name and the mention's text.
    ("@ICB Team thanks for the update.", set(), {"ICB"}),
    ("Great news :tada: :ICB: #ICB #stakeholders", set(), {"ICB", "stakeholders"}),
    # Never flag: postcodes, times, units, money, Roman numerals
    ("The venue is at CH1 4BJ, near the station, from 10:30am.", set(), {"CH1", "BJ"}),
    ("Tea is 45p, lunch is £2k for the year, the room is 20 SQM.", {"SQM"}, {"£2k", "45p"}),
    ("See Part IV of the report and the Type II diabetes leaflet.", set(), {"IV", "II"}),
    ("We meet at 14:00 in room 3B, about 5km away.", set(), set()),
    # Never flag: initials in action lists
    ("SJ to book the room and send the invite.", set(), {"SJ"}),
    ("Actions:\n- MK and AB to draft the letter\n- Action: TR", set(), {"MK", "AB", "TR"}),
    # Never flag: shouting, quotes
    ("PLEASE READ THE ICB PAPERS BEFORE FRIDAY", set(), {"ICB"}),
    ("We stopped saying 'service users' last year.", set(), {"service users"}),
    ('Someone called it "hard to reach" and we talked about why.', set(), {"hard to reach"}),
    # Acronyms: allowlist, definitions, glossary handled elsewhere
    ("The NHS and your GP are there to help, OK?", set(), {"NHS", "GP", "OK"}),
    ("The Integrated Care Board (ICB) met today. The ICB agreed.", set(), {"ICB"}),
    (
        "ToR (terms of reference) are agreed. MDT – multidisciplinary team – met.",
        set(),
        {"ToR", "MDT"},
    ),
    ("We asked the PCN and two CCGs for their views.", {"PCN", "CCG"}, set()),
    # Plain chat
    ("Lovely to see everyone today, thank you for coming!", set(), set()),
    ("Does anyone need help with bus fares for Tuesday?", set(), set()),
]


def flagged(text: str, lexicon: Lexicon) -> set[str]:
    return {text[f.start : f.end] for f in scan(text, lexicon)}


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("text", "must", "must_not"), TABLE, ids=[t[0][:40] for t in TABLE])
def test_sentence(text: str, must: set[str], must_not: set[str], lexicon: Lexicon) -> None:
    found = flagged(text, lexicon)
    assert must <= found, f"missed {must - found} in {text!r}"
    hit = {w for w in must_not if any(w.lower() in f.lower() for f in found)}
    assert not hit, f"wrongly flagged {hit} in {text!r}"


def test_findings_carry_suggestions_and_why(lexicon: Lexicon) -> None:
    [finding] = scan("We should leverage this.", lexicon)
    assert finding.term == "leverage"
    assert finding.kind == "jargon"
    assert "use" in finding.suggestions
    assert finding.why


def test_a_flagged_acronym_suggests_its_usual_meaning(lexicon: Lexicon) -> None:
    [finding] = scan("Ask the ICB.", lexicon)
    assert (finding.term, finding.kind) == ("ICB", "acronym")
    assert finding.suggestions == ("integrated care board",)


def test_glossary_terms_count_as_explained(lexicon: Lexicon) -> None:
    text = "The PCN and the ICB agreed."
    assert {f.term for f in scan(text, lexicon)} == {"PCN", "ICB"}
    assert {f.term for f in scan(text, lexicon, ["icb"])} == {"PCN"}


def test_an_acronym_inside_a_jargon_phrase_is_reported_once(lexicon: Lexicon) -> None:
    findings = scan("The RAG rating is amber.", lexicon)
    assert [(f.term, f.kind) for f in findings] == [("rag rating", "jargon")]


def test_phrases_match_across_a_line_break(lexicon: Lexicon) -> None:
    text = "We will keep talking going\nforward."
    [finding] = scan(text, lexicon)
    assert finding.term == "going forward"


def test_words_inside_longer_words_are_not_flagged(lexicon: Lexicon) -> None:
    assert scan("The monkey keyboard is a pilotless idea.", lexicon) == []


def test_a_mention_is_masked_by_the_text_the_adapter_gave(lexicon: Lexicon) -> None:
    text = "@Team ICB thanks, we will leverage it."
    assert {"ICB", "leverage"} <= flagged(text, lexicon)
    found = {text[f.start : f.end] for f in scan(text, lexicon, mentions=["@Team ICB"])}
    assert "ICB" not in found and "leverage" in found
