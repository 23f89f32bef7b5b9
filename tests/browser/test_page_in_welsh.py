"""Issue 21 in real Chromium: the local chat page in Welsh, as a browser set to Welsh opens it,
at desktop width and at 375 px: every label in Welsh, usable by its Welsh label, the bot's
replies in Welsh too (the page sends its language), no sideways scrolling, and axe-core finds
no accessibility problem."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    ready,
    shot,
    sideways_overflow,
)


def test_the_page_in_welsh_at_desktop_and_phone_width(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    for name, viewport, person in (("desktop", DESKTOP, "Siân"), ("phone", PHONE, "Siôn")):
        context = browser.new_context(viewport=viewport, locale="cy-GB")
        page = context.new_page()
        page.goto(app_url)
        ready(page)
        assert page.evaluate("document.documentElement.lang") == "cy"
        assert "Croeso" in page.locator("#log li.welcome").inner_text()
        page.get_by_label("Eich enw", exact=True).fill(person)
        page.get_by_label("Eich enw", exact=True).press("Enter")
        ready(page)
        page.get_by_label("Neges").fill("/coprod help")
        page.get_by_role("button", name="Anfon").click()
        card = page.locator("#log > li.bot:not(.welcome) article.card").first
        card.wait_for(timeout=10_000)
        assert "coprod: beth alla i ei wneud" in card.inner_text()  # the page's language
        text = page.locator("body").inner_text()
        for english in ("Your name", "Skip to the message box", "Direct chat with coprod"):
            assert english not in text, english
        assert sideways_overflow(page) == 0, name
        assert axe_violations(page) == [], name
        shot(page, tmp_path, f"local-chat-welsh-{name}")
        context.close()
