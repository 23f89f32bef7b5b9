"""Issue 21 in real Chromium: once a person chooses a language in the chat, their page reads in
it too. Defect: the page's own words followed only `?lang=` and the browser's Accept-Language,
so after `language cymraeg` the labels and buttons stayed English."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.conftest import DESKTOP, axe_violations, open_chat, ready, send, shot


def _reopened_in(page: Page, lang: str, label: str) -> None:
    page.wait_for_function(f"document.body.dataset.locale === {lang!r}")
    ready(page)
    page.get_by_label(label, exact=True).wait_for(timeout=10_000)


def test_choosing_welsh_in_the_chat_turns_the_page_welsh(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    page = open_chat(browser, app_url, DESKTOP, name="Dafydd")  # an English browser
    assert page.evaluate("document.documentElement.lang") == "en"
    send(page, "/coprod language cymraeg")
    _reopened_in(page, "cy", "Eich enw")  # live, after the answer
    assert page.evaluate("document.documentElement.lang") == "cy"
    assert page.get_by_label("Eich enw", exact=True).input_value() == "Dafydd"
    text = page.locator("body").inner_text()
    assert "Your name" not in text and "Skip to the message box" not in text
    assert "Wedi'i wneud" in page.locator("#log").inner_text()  # the conversation is kept
    assert axe_violations(page) == []
    shot(page, tmp_path, "local-chat-chose-welsh")

    # The next time they open the page (no ?lang=, an English browser), it reads in Welsh.
    again = page.context.new_page()
    again.goto(app_url)
    _reopened_in(again, "cy", "Eich enw")

    # Choosing English again, in Welsh words, turns it back; someone else's page is unchanged.
    again.get_by_label("Neges").fill("/coprod iaith saesneg")
    again.get_by_role("button", name="Anfon").click()
    _reopened_in(again, "en", "Your name")
    other = open_chat(browser, app_url, DESKTOP, name="Megan")
    assert other.evaluate("document.body.dataset.locale") == "en"
    page.context.close()
    other.context.close()
