"""Fixtures for the jargon tests: the shipped lists, compiled once."""

from __future__ import annotations

import pytest

from bot.jargon import Lexicon, compiled
from bot.model import ConversationRef, Platform
from bot.prompts import load_shipped

GENERAL = ConversationRef(Platform.LOCAL, "local", "general", channel_name="general")


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return compiled(load_shipped().jargon)
