"""Activities read from JSON with msrest's own rules, without its per-call bookkeeping.

msrest's `Deserializer._deserialize` copies every attribute's description, runs two key
extractors for each of an Activity's 43 attributes and rebuilds the set of known keys on every
call: about a third of the CPU of a Teams turn. `FastDeserializer` plans each model class once
(attribute, JSON key, type) and then reads the present keys straight from the dict; values are
still converted by msrest's `deserialize_data` (dates, lists, nested models), and unknown keys
still become `additional_properties`. A class the plan cannot describe exactly (polymorphic,
flattened keys, its own `additional_properties`, constants or read-only fields) and anything
that is not a plain dict go through msrest unchanged."""

from __future__ import annotations

import re
from typing import Any

from msrest.exceptions import DeserializationError, raise_with_traceback
from msrest.serialization import Deserializer

_Plan = tuple[tuple[tuple[str, str, str], ...], frozenset[str]]
_SIMPLE_KEY = re.compile(r"[^.\\]+")


class FastDeserializer(Deserializer):
    """A msrest Deserializer whose model step is planned once per class."""

    def __init__(self, classes: dict[str, type] | None = None) -> None:
        super().__init__(classes)
        self._plans: dict[type, _Plan | None] = {}

    def _plan(self, cls: type) -> _Plan | None:
        if cls in self._plans:
            return self._plans[cls]
        plan: _Plan | None = None
        attributes: dict[str, dict[str, Any]] = getattr(cls, "_attribute_map", None) or {}
        if (
            attributes
            and not getattr(cls, "_subtype_map", None)
            and not getattr(cls, "_validation", None)
            and "additional_properties" not in attributes
            and all(_SIMPLE_KEY.fullmatch(d.get("key", "")) for d in attributes.values())
            and self.additional_properties_detection
        ):
            fields = tuple((attr, d["key"], d["type"]) for attr, d in attributes.items())
            plan = (fields, frozenset(d["key"] for d in attributes.values()))
        self._plans[cls] = plan
        return plan

    def _deserialize(self, target_obj: Any, data: Any) -> Any:
        if type(data) is not dict:
            return super()._deserialize(target_obj, data)
        cls = self.dependencies.get(target_obj) if isinstance(target_obj, str) else target_obj
        plan = self._plan(cls) if isinstance(cls, type) else None
        if plan is None or not isinstance(cls, type):
            return super()._deserialize(target_obj, data)
        fields, known = plan
        try:
            values = {}
            for attr, key, kind in fields:
                raw = data.get(key)
                values[attr] = None if raw is None else self.deserialize_data(raw, kind)
        except (AttributeError, TypeError, KeyError):
            raise_with_traceback(
                DeserializationError, "Unable to deserialize to object: " + cls.__name__
            )
        extra = {key: data[key] for key in data.keys() - known}
        return self._instantiate_model(cls, values, extra)
