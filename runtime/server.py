"""Build and run the one aiohttp server that hosts every enabled adapter."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

from adapters.local import LocalAdapter
from bot.charts import render
from bot.clock import Clock
from bot.core import Core
from bot.nudges.scheduler import Scheduler
from bot.prompts import load_pack
from bot.settings import Settings
from bot.store import Store, open_store

from .features import ADAPTERS, FEATURES

log = logging.getLogger("coprod")

# The store writes from a worker thread (TinyDB: its whole file, as JSON). While that thread holds
# the GIL, the event loop waits up to the switch interval each time it gives the GIL up (every
# socket call). At Python's default 5 ms, acks under sustained load waited behind those writes
# (Slack at 100 commands/s: ack p50 27 ms, p99 87 ms); at 0.5 ms, p50 3 ms, p99 37 ms.
SWITCH_INTERVAL_SECONDS = 0.0005

# The cycle collector's youngest generation is collected every this many net allocations of
# container objects (Python's default is 700). A Teams turn or a Slack command allocates
# hundreds (parsed JSON, activity models, cards), so at 700 the collector ran once or twice a
# turn and walked everything the 50 turns in flight held: 6 % of the process's CPU in the Teams
# bench, with a full collection (10-15 ms, the loop stopped) every second or so. At 10,000 it
# costs under 1.5 %, each young collection about 2 ms. Only cyclic garbage waits longer: at
# most 10,000 objects' worth, a few MB.
GC_YOUNG_THRESHOLD = 10_000

# Hooks that start background work (the scheduler, Socket Mode) once the server is up.
Starter = Callable[["Runtime"], Awaitable[None]]


@dataclass
class Runtime:
    """Everything one process runs: the core, its adapters and the web app."""

    settings: Settings
    store: Store
    core: Core
    app: web.Application
    local: LocalAdapter | None = None
    background: list[asyncio.Task[None]] = field(default_factory=list)


async def build(
    settings: Settings, *, clock: Clock | None = None, store: Store | None = None
) -> Runtime:
    """Open the store, load the prompts and mount every enabled adapter on one web app."""
    pack = load_pack(settings.COPROD_PROMPTS_DIR)
    store = store or await open_store(settings.COPROD_DB)
    core = Core(settings=settings, store=store, pack=pack, clock=clock, features=FEATURES)
    app = web.Application(client_max_size=1024 * 1024)
    runtime = Runtime(settings=settings, store=store, core=core, app=app)

    async def healthz(_request: web.Request) -> web.Response:
        problem = await store.health()  # 503 while the store cannot write (the store logs why)
        if problem is not None:
            return web.json_response({"ok": False, "store": "cannot write"}, status=503)
        return web.json_response({"ok": True})

    app.router.add_get("/healthz", healthz)
    for package in ADAPTERS:
        if package.enabled(settings):
            adapter = package.mount(app, core, settings)
            core.register(adapter)
            if isinstance(adapter, LocalAdapter):
                runtime.local = adapter  # the page's conversations, for the start-up line
    try:
        for adapter in core.adapters.values():
            await adapter.start()
    except BaseException:
        await close(runtime)  # a refused start-up leaves no connection or store open
        raise
    return runtime


async def close(runtime: Runtime) -> None:
    for task in runtime.background:
        task.cancel()
    for adapter in runtime.core.adapters.values():
        await adapter.stop()
    await runtime.store.close()
    await asyncio.to_thread(render.shutdown)  # the drawing processes, if any were started


@asynccontextmanager
async def serving(runtime: Runtime, host: str, port: int) -> AsyncIterator[web.AppRunner]:
    """Serve `runtime.app` on host:port until the block exits."""
    runner = web.AppRunner(runtime.app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    try:
        yield runner
    finally:
        await runner.cleanup()


def share_the_gil() -> None:
    """Let the event loop take the GIL back from a busy worker thread within 0.5 ms."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


def settle_start_up() -> None:
    """Take what start-up built out of the cycle collector's view (`gc.freeze`): the prompt
    packs, word lists and modules, ~80,000 objects that live as long as the process. Every full
    collection walked them all with the event loop stopped (70-125 ms in the built runtime at
    load 5; 195-420 ms during the Slack bench at load 8), and those pauses set the slowest acks
    and replies. Start-up's own garbage is collected first; later objects are collected as
    before, the youngest every `GC_YOUNG_THRESHOLD` allocations."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, oldest)


async def serve(settings: Settings) -> None:
    share_the_gil()
    runtime = await build(settings)
    settle_start_up()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with serving(runtime, settings.HOST, settings.PORT):
            # The nudge scheduler ticks in the background while the server runs.
            runtime.background.append(asyncio.create_task(Scheduler(runtime.core).run()))
            url = f"http://{settings.HOST}:{settings.PORT}/"
            if runtime.local is not None:
                print(f"coprod is running. Open the local chat at {url}", flush=True)
            else:
                print(f"coprod is running on {url}", flush=True)
            await stop.wait()
    finally:
        await close(runtime)
