"""The platforms a process knows, as their adapter packages register them: names and id syntax."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .model import Platform


def _no_id(_text: str) -> str | None:
    return None


def _no_name(_text: str) -> str:
    return ""


def _one_tenant(_rest: str) -> bool:
    return False


@dataclass(frozen=True)
class PlatformRules:
    """What the core needs to know of one platform, and asks no one else. Its adapter package
    declares it (`adapters/<name>/platform.py`); `runtime/` registers every package's.

    - `person_id(text)`: the platform id of a person written as `text` (a mention, an id), or
      None when `text` is not one; the adapter owns its id syntax. The core asks it only for
      what a person typed that is not one of the event's `mentions` (a bare id).
    - `person_name(text)`: the display name written with that id, or "".
    - `person_hint`: the message id that says how to write a person here, when it is not one.
    - `admins_hint`: the message id that lists the admins with what this platform adds.
    - `words`: the platform's own message ids for other messages that differ by platform
      (`message(family)`: `"admin.refused.find"` → `"admin.refused.find.slack"`).
    - `everywhere(rest)`: whether a `COPROD_ADMINS` entry `<name>:<rest>` is an id that holds a
      colon itself (so it names the person in every workspace, not `<workspace>:<id>`)."""

    name: str
    person_id: Callable[[str], str | None] = _no_id
    person_name: Callable[[str], str] = _no_name
    person_hint: str = "admin.invalid.person"
    admins_hint: str = "admin.admins.list"
    everywhere: Callable[[str], bool] = _one_tenant
    words: Mapping[str, str] = field(default_factory=dict)

    def message(self, family: str) -> str:
        """The message id this platform says `family` with (the family itself by default)."""
        return self.words.get(family, family)


_REGISTERED: dict[str, PlatformRules] = {}


def register(rules: PlatformRules) -> Platform:
    """Make `rules.name` a known platform (`Platform.<NAME>` names it from then on)."""
    _REGISTERED[rules.name] = rules
    name = Platform(rules.name)
    setattr(Platform, rules.name.upper(), name)
    return name


def names() -> frozenset[str]:
    """The registered platforms' names."""
    return frozenset(_REGISTERED)


def rules_for(platform: str) -> PlatformRules:
    """The rules of `platform`; a platform nobody registered gets the defaults (no ids)."""
    return _REGISTERED.get(platform) or PlatformRules(platform)
