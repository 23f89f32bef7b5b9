"""Activities read from JSON with msrest's own rules, without its per-call bookkeeping.

msrest's `Deserializer._deserialize` copies every attribute's description, runs two key
extractors for each of an Activity's 43 attributes and rebuilds the set of known keys on every
call: about a third of the CPU of a Teams turn. `FastDeserializer` plans each model class once
(JSON key → attribute and converter) and then reads only the keys present. Each converter
does what msrest's `deserialize_data` does for that type, without its dispatch: a string stays
itself, a nested model or a list of them is read by the same plan, a generic object is copied as
`deserialize_object` copies it, a plain UTC timestamp is read by `utc_timestamp` (msrest's result
at a third of its cost), and any other type or value goes to `deserialize_data`. Unknown keys
still become `additional_properties`. A body with a value msrest refuses is read again by
msrest itself, so its error is msrest's own. A class the plan cannot describe exactly (polymorphic,
flattened keys, its own `additional_properties`, constants or read-only fields) and anything
that is not a plain dict go through msrest unchanged."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import isodate
from msrest.serialization import Deserializer

Convert = Callable[[Any], Any]
_Plan = tuple[tuple[str, ...], dict[str, tuple[str, Convert]]]  # attributes; key → (attr, convert)
_SIMPLE_KEY = re.compile(r"[^.\\]+")


_UTC = re.compile(r"(\d{4}-\d\d-\d\d)[Tt](\d\d:\d\d:\d\d)(\.\d{1,6})?\d*[Zz]")


def utc_timestamp(attr: Any) -> Any:
    """msrest's `deserialize_iso` for the plain UTC form the Bot Framework sends (a tenth of
    its cost, the same datetime with isodate's own UTC); any other form goes to msrest."""
    match = _UTC.fullmatch(attr) if type(attr) is str else None
    if match is not None:
        day, time, fraction = match.groups()
        try:
            parsed = datetime.fromisoformat(f"{day}T{time}{fraction or ''}")
        except ValueError:
            pass
        else:
            return parsed.replace(tzinfo=isodate.UTC)
    return Deserializer.deserialize_iso(attr)


class FastDeserializer(Deserializer):
    """A msrest Deserializer whose model step is planned once per class."""

    def __init__(self, classes: dict[str, type] | None = None) -> None:
        super().__init__(classes)
        self._plans: dict[type, _Plan | None] = {}
        self._converters: dict[str, Convert] = {}
        self.deserialize_type["iso-8601"] = utc_timestamp

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
            by_key = {d["key"]: (a, self._converter(d["type"])) for a, d in attributes.items()}
            if len(by_key) == len(attributes):  # one attribute per JSON key
                plan = (tuple(attributes), by_key)
        self._plans[cls] = plan
        return plan

    def _converter(self, kind: str) -> Convert:
        """What `deserialize_data(raw, kind)` returns for a value that is not None."""
        if kind in self._converters:
            return self._converters[kind]

        def general(raw: Any) -> Any:
            return self.deserialize_data(raw, kind)

        convert: Convert = general
        model = self.dependencies.get(kind)
        if kind == "str":

            def convert(raw: Any) -> Any:  # deserialize_unicode returns a str as it is
                return raw if type(raw) is str else general(raw)

        elif kind == "object":
            convert = self._copy
        elif kind == "iso-8601" and self.deserialize_type.get(kind) is utc_timestamp:
            convert = utc_timestamp
        elif kind.startswith("[") and kind.endswith("]") and "[]" in self.deserialize_type:
            item = self._converter(kind[1:-1])

            def convert(raw: Any) -> Any:
                if type(raw) is not list:
                    return general(raw)
                return [None if a is None else item(a) for a in raw]

        elif isinstance(model, type) and hasattr(model, "_attribute_map"):

            def convert(raw: Any) -> Any:
                return self._deserialize(model, raw) if type(raw) is dict else general(raw)

        self._converters[kind] = convert
        return convert

    def _copy(self, raw: Any) -> Any:
        """`deserialize_object`: JSON's own types copied as they are (dicts and lists anew)."""
        kind = type(raw)
        if kind is dict:
            return {key: self._copy(value) for key, value in raw.items()}
        if kind is list:
            return [self._copy(value) for value in raw]
        if raw is None or kind in (str, int, float, bool):
            return raw
        return self.deserialize_object(raw)

    def _deserialize(self, target_obj: Any, data: Any) -> Any:
        if type(data) is not dict:
            return super()._deserialize(target_obj, data)
        cls = self.dependencies.get(target_obj) if isinstance(target_obj, str) else target_obj
        plan = self._plan(cls) if isinstance(cls, type) else None
        if plan is None or not isinstance(cls, type):
            return super()._deserialize(target_obj, data)
        attributes, by_key = plan
        values: dict[str, Any] = dict.fromkeys(attributes)  # msrest passes None for the absent
        extra = {}
        try:
            for key, raw in data.items():
                found = by_key.get(key)
                if found is None:
                    extra[key] = raw
                elif raw is not None:
                    attr, convert = found
                    values[attr] = convert(raw)
            # _instantiate_model without its bookkeeping: a planned class has no read-only,
            # constant or subtype attributes, so every value is a keyword argument
            model = cls(**values)
            if extra:
                model.additional_properties = extra
            return model
        except Exception:  # a bad value: msrest's own pass gives its own error, word for word
            return super()._deserialize(target_obj, data)
