"""Microsoft Teams through the Bot Framework: `/api/messages`, Adaptive Cards, proactive posts."""

from . import erase as _erase  # noqa: F401  (registers the forget-me eraser)
from .adapter import TeamsAdapter
from .mount import mount

__all__ = ["TeamsAdapter", "mount"]
