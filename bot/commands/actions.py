"""Registers the actions feature ("You said, we did"): commands, buttons, reminders, the
monthly post, the report's section and the `forget me` eraser (they live in `bot.actions`)."""

from __future__ import annotations

from ..actions import buttons as _buttons  # noqa: F401
from ..actions import commands as _commands  # noqa: F401
from ..actions import erase as _erase  # noqa: F401
from ..actions import reminders as _reminders  # noqa: F401
from ..actions import report as _report  # noqa: F401
from ..actions import summary as _summary  # noqa: F401
