"""`make run` as a person sees it: the real app in a subprocess, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"),
        reason="Debian's chromium is not installed (make test installs it)",
    ),
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("app")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "COPROD_DB": str(folder / "db.json")}
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
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            proc.kill()
            raise AssertionError(proc.stdout.read() if proc.stdout else "app did not start")
        yield url
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
        assert "Open the local chat at" in out


def test_typing_a_command_shows_the_reply_card(app_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "chromium must be installed in CI"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.goto(app_url)
        # Keyboard only: the message box has focus and a label.
        assert page.evaluate("document.activeElement.id") == "message"
        page.get_by_label("Message").fill("/coprod principles")
        page.keyboard.press("Enter")
        card = page.locator("section.card").first
        card.wait_for(timeout=10_000)
        assert "The eight principles of co-production" in card.inner_text()
        assert "Embed Co-production" in card.inner_text()
        page.get_by_label("Message").fill("/coprod princples")
        page.keyboard.press("Enter")
        page.get_by_text("Did you mean").wait_for(timeout=10_000)
        assert page.locator("li.private").count() >= 1
        page.screenshot(path=str(tmp_path / "local-chat.png"), full_page=True)
        browser.close()
