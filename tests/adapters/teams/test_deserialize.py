"""The planned deserializer reads every activity exactly as msrest's own does: the same models,
values, additional properties, and the same errors for values of the wrong type."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import botbuilder.schema
import pytest
from msrest.serialization import Deserializer

from adapters.teams.deserialize import FastDeserializer

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "teams").glob("*.json"))
CLASSES = {n: k for n, k in vars(botbuilder.schema).items() if isinstance(k, type)}
ODD = [5, "x", None, [], {}, [1], ["a"], {"id": 3}, True, 1.5, "2025-01-01T00:00:00Z", [{"id": 1}]]
ODD += [[None, {"id": "a"}], {"a": [1, {"b": None}], "c": 1.5, "d": False, "e": 2**70}]


def _outcome(deserializer: Deserializer, body: Any) -> Any:
    try:
        return _plain(deserializer("Activity", body))
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))


def _plain(value: Any) -> Any:
    """A model as nested (class, attributes, additional properties), comparable with ==."""
    if hasattr(value, "_attribute_map"):
        attrs = {a: _plain(getattr(value, a)) for a in value._attribute_map}
        return (type(value).__name__, attrs, value.additional_properties)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return (type(value).__name__, value)


def _activities() -> list[dict[str, Any]]:
    found = []
    for path in FIXTURES:
        body = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(body, dict) and "type" in body:
            found.append(body)
    return found


def test_fixtures_are_read_the_same() -> None:
    bodies = _activities()
    assert bodies, "no Teams fixtures found"
    slow, fast = Deserializer(CLASSES), FastDeserializer(CLASSES)
    for body in bodies:
        assert _outcome(fast, body) == _outcome(slow, body)


@pytest.mark.parametrize("seed", range(4))
def test_values_of_the_wrong_type_are_read_or_refused_the_same(seed: int) -> None:
    rng = random.Random(seed)
    bodies = _activities()
    slow, fast = Deserializer(CLASSES), FastDeserializer(CLASSES)
    for _ in range(300):
        body = json.loads(json.dumps(rng.choice(bodies)))
        part = body
        for key in ("from", "conversation", "recipient"):
            if isinstance(body.get(key), dict) and rng.random() < 0.25:
                part = body[key]
        keys = [*part, "timestamp", "membersAdded", "entities", "value", "relatesTo", "other"]
        part[rng.choice(keys)] = rng.choice(ODD)
        assert _outcome(fast, body) == _outcome(slow, body)


def test_generic_objects_are_copied_as_msrest_copies_them() -> None:
    """channelData and value: the same nested values, in dicts and lists of their own."""
    data = {"tenant": {"id": "t"}, "deep": [1, 2.5, True, None, "x", {"y": [[], {}]}], "n": 2**70}
    body = {"type": "message", "channelData": data, "value": [data], "entities": [None, {}]}
    fast = FastDeserializer(CLASSES)("Activity", body)
    assert _plain(fast) == _plain(Deserializer(CLASSES)("Activity", body))
    assert fast.channel_data == data and fast.value == [data]
    assert fast.channel_data is not data and fast.channel_data["deep"] is not data["deep"]


TIMESTAMPS = [
    "2026-12-02T10:00:00Z",
    "2026-12-02T10:00:00.1Z",
    "2026-12-02T10:00:00.123456Z",
    "2019-08-08T21:03:32.6577542Z",  # seven digits, as the Bot Framework sends
    "2026-12-02t10:00:00.5z",
    "2026-12-02T23:59:59.999999999Z",
    "2026-12-02T10:00:00.123+01:00",
    "2026-12-02T10:00:00-07:00",
    "2026-02-30T10:00:00Z",
    "2026-12-02T24:00:00Z",
    "2026-12-02T10:00:60Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-12-02T10:00:00.Z",
    "2026-12-02 10:00:00Z",
    "2026-12-02",
    "not a date",
    "",
]


@pytest.mark.parametrize("text", TIMESTAMPS)
def test_timestamps_are_read_exactly_as_msrest_reads_them(text: str) -> None:
    """The same instant, the same tzinfo object (isodate's), or msrest's own error."""

    def read(deserializer: Deserializer) -> Any:
        try:
            value = deserializer("Activity", {"type": "message", "timestamp": text}).timestamp
        except Exception as exc:
            return ("error", type(exc).__name__, str(exc))
        return (value, type(value.tzinfo), value.utcoffset(), repr(value))

    assert read(FastDeserializer(CLASSES)) == read(Deserializer(CLASSES))
