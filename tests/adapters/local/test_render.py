"""HTML rendering of cards for the local chat: structure, accessibility and escaping."""

from __future__ import annotations

from adapters.local.render import card_html, inline, markdown
from bot.markup import plain
from bot.model import Button, Buttons, Card, Choice, Context, Fields, Form, Option, Text, TextInput


def test_markdown_subset() -> None:
    assert inline("**bold** and _it_ and `x<y`") == (
        "<strong>bold</strong> and <em>it</em> and <code>x&lt;y</code>"
    )
    assert markdown("Intro\n- one\n- two\n\nEnd") == (
        "<p>Intro</p><ul><li>one</li><li>two</li></ul><p>End</p>"
    )


def test_untrusted_text_is_inert() -> None:
    hostile = "<script>alert(1)</script> **x** [link](http://evil) <!channel> \u202egnp.exe"
    out = markdown(plain(hostile))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<strong>" not in out
    assert "<a " not in out
    assert "\u202e" not in out


def test_card_snapshot() -> None:
    card = Card(
        id="demo",
        title="Check <now>",
        fallback_text="demo",
        blocks=(
            Text("Hello **team**"),
            Fields((("1. Embed", "███░ 3.0"),)),
            Buttons((Button("Go", "demo.go", {"n": "1"}),)),
            Form(
                "f",
                (
                    Choice("q1", "Statement 1", (Option("1", "Not yet"), Option("2", "Starting"))),
                    TextInput("note", "A note", required=False),
                ),
                "Send",
                "demo.send",
            ),
            Context("small print"),
        ),
    )
    assert card_html(card) == (
        '<article class="card" aria-label="Check &lt;now&gt;"><h3>Check &lt;now&gt;</h3>'
        '<div class="text"><p>Hello <strong>team</strong></p></div>'
        '<dl class="fields"><dt>1. Embed</dt><dd>███░ 3.0</dd></dl>'
        '<div class="buttons"><button type="button" class="btn default" data-action="demo.go" '
        'data-value="{&quot;n&quot;: &quot;1&quot;}">Go</button></div>'
        '<form class="card-form" novalidate data-action="demo.send" data-value="{}">'
        '<fieldset class="choice" id="f-q1"><legend>Statement 1</legend>'
        '<label class="opt"><input type="radio" name="q1" value="1" required> Not yet</label>'
        '<label class="opt"><input type="radio" name="q1" value="2" required> Starting</label>'
        "</fieldset>"
        '<div class="text-input"><label for="f-note">A note</label><input type="text" id="f-note" '
        'name="note" maxlength="3000" placeholder="" value=""></div>'
        '<button type="submit" class="btn primary">Send</button></form>'
        '<p class="context">small print</p></article>'
    )


def test_lines_of_code_become_one_block_that_keeps_each_line_whole() -> None:
    """At 375 px a CSV row wrapped mid-row; a block of code lines scrolls inside itself."""
    rows = "`scope,channel,round`\n`local:local,general,1`"
    assert markdown(rows) == (
        '<pre class="code" tabindex="0"><code>scope,channel,round\nlocal:local,general,1'
        "</code></pre>"
    )
    assert markdown("`a<b`") == '<pre class="code" tabindex="0"><code>a&lt;b</code></pre>'
    assert markdown("Type `help` now\n`x`") == "<p>Type <code>help</code> now<br><code>x</code></p>"
    assert markdown(plain("`x_y`")).startswith("<p>")  # escaped backticks are not code
