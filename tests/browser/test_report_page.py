"""The shareable report in real headless Chromium: it loads with no request leaving the file,
axe-core finds no accessibility problem (WCAG 2.2 AA rules), it fits a phone's width, and it
prints to an A4 PDF."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, shot, sideways_overflow
from tests.report.sample import sample_html

A4_POINTS = (595, 842)


def test_the_report_is_accessible_self_contained_and_prints_on_a4(
    browser,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    with ThreadPoolExecutor(1) as other:  # Playwright's own loop runs in this thread
        html = other.submit(asyncio.run, sample_html(tmp_path)).result()
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    asked: list[str] = []

    def refuse(route, request):  # type: ignore[no-untyped-def]
        if not request.url.startswith("file://"):
            asked.append(request.url)
            return route.abort()
        return route.continue_()

    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        context.route("**/*", refuse)
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert asked == []  # nothing outside the file
        assert page.locator("svg[role=img]").count() == 3  # two check charts, actions done
        assert axe_violations(page) == []
        assert sideways_overflow(page) == 0
        shot(page, tmp_path, f"report-{viewport['width']}")
        if viewport is DESKTOP:
            pdf = page.pdf(format="A4", print_background=True)
            assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            assert pages >= 1
            assert f"/MediaBox [0 0 {A4_POINTS[0]}".encode() in pdf or b"595" in pdf
        context.close()
