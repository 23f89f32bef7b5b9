"""Core tests talk to the bot in-process: `chat` is the local chat without an HTTP server."""

from __future__ import annotations

import pytest

from tests.conftest import Chat


@pytest.fixture
def chat(local_chat: Chat) -> Chat:
    return local_chat
