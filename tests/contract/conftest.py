"""The contract suite's rigs: one per adapter, made once per module and reset between tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from .rigs import Rig, fake_rig, local_rig, slack_rig, teams_rig

ADAPTERS = ["fake", "local", "slack", "teams"]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def rigs(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, Rig]]:
    base: Path = tmp_path_factory.mktemp("contract")
    made: dict[str, Rig] = {}
    try:
        for name, make in (
            ("fake", fake_rig),
            ("local", local_rig),
            ("slack", slack_rig),
            ("teams", teams_rig),
        ):
            made[name] = await make(base / name)
        yield made
    finally:
        for rig in made.values():
            await rig.close()


@pytest.fixture(params=ADAPTERS)
def rig(request: pytest.FixtureRequest, rigs: dict[str, Rig]) -> Rig:
    chosen = rigs[request.param]
    chosen.reset()
    return chosen
