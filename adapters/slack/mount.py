"""Mount the Slack adapter on the one web app: `await mount_slack(runtime)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .adapter import SlackAdapter

if TYPE_CHECKING:
    from runtime.server import Runtime


async def mount_slack(runtime: Runtime) -> SlackAdapter:
    """Register the adapter with the core and add its route; `build()` starts it later."""
    adapter = SlackAdapter(runtime.core, runtime.settings)
    runtime.core.register(adapter)
    adapter.add_routes(runtime.app)
    return adapter
