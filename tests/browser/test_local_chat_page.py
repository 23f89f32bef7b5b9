"""`make run` as a person sees it: the real app in a subprocess, driven by headless Chromium."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import DESKTOP, axe_violations, open_chat, send, shot


def test_typing_a_command_shows_the_reply_card(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    page = open_chat(browser, app_url, DESKTOP)
    # Keyboard only: the message box has focus and a label.
    assert page.evaluate("document.activeElement.id") == "message"
    page.get_by_label("Message").fill("/coprod principles")
    page.keyboard.press("Enter")
    card = page.locator("#log > li.bot:not(.welcome) article.card").first
    card.wait_for(timeout=10_000)
    assert "The eight principles of co-production" in card.inner_text()
    assert "Embed Co-production" in card.inner_text()
    send(page, "/coprod princples")
    page.get_by_text("Did you mean").wait_for(timeout=10_000)
    assert page.locator("li.private").count() >= 1
    assert axe_violations(page) == []
    shot(page, tmp_path, "local-chat")
    page.context.close()
