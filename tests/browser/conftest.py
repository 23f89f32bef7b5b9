"""The real app in a subprocess, driven by Debian's headless Chromium through Playwright, with
axe-core (vendored in `vendor/`, MPL-2.0) checking each page for accessibility problems."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}
# Screenshots go here when set (to look at them), else into each test's temporary folder.
SHOTS = os.environ.get("COPROD_SCREENSHOTS")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)
            if CHROMIUM is None and not os.environ.get("CI"):
                reason = "Debian's chromium is not installed (make test installs it)"
                item.add_marker(pytest.mark.skip(reason=reason))


def post(url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """What the page does, from the test: a request to the local JSON API."""
    request = urllib.request.Request(
        url.rstrip("/") + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        return dict(json.loads(resp.read()))


def start_app(folder: Path, port: int) -> subprocess.Popen[str]:
    """`python app.py` on `port` with its store in `folder`, once it answers `/healthz`."""
    env = {
        **os.environ,
        "PORT": str(port),
        "COPROD_DB": str(folder / "db.json"),
        "COPROD_ADMINS": "local:ada",
    }
    for name in ("SLACK_BOT_TOKEN", "MICROSOFT_APP_ID", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(proc.stdout.read() if proc.stdout else "app did not start")


def stop_app(proc: subprocess.Popen[str]) -> None:
    """Stop the app as `make run` is stopped. Pages may still hold their streams open: the
    server must stop anyway, at once, and cleanly."""
    proc.terminate()
    out, _ = proc.communicate(timeout=10)
    assert "Open the local chat at" in out
    assert "Traceback" not in out, out


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    proc = start_app(tmp_path_factory.mktemp("app"), port)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_app(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "chromium must be installed in CI"
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def open_chat(browser: Browser, url: str, viewport: dict[str, int], name: str = "") -> Page:
    """A new person (their own browser context) on the chat page, once its history is in."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    ready(page)
    if name:
        page.get_by_label("Your name", exact=True).fill(name)
        page.get_by_label("Your name", exact=True).press("Enter")
        ready(page)
    return page


def ready(page: Page) -> None:
    page.wait_for_selector("#log[data-ready='true']", timeout=10_000)


def send(page: Page, text: str) -> None:
    box = page.get_by_label("Message")
    box.fill(text)
    box.press("Enter")


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in found
    ]


def sideways_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits its width)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def newest_is_clear(page: Page) -> bool:
    """The newest entry is on screen above the sticky message box (a tall one from its top)."""
    return bool(
        page.evaluate(
            """() => {
              const items = document.querySelectorAll('#log > li');
              const li = items[items.length - 1];
              const r = li.getBoundingClientRect();
              const box = document.getElementById('composer').getBoundingClientRect().top;
              const fits = r.height <= box;
              return r.top >= -1 && r.top < box && (!fits || r.bottom <= box + 1);
            }"""
        )
    )


def shot(page: Page, folder: Path, name: str) -> Path:
    where = Path(SHOTS) if SHOTS else folder
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
