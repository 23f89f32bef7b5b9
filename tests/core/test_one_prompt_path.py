"""Issue 15: every feature reads the prompts in force through the one effective-prompts path
(`PromptOverrides.effective`, via `Context.prompts`), never the pack's lists directly, so an
admin's or pack's change reaches every post (tests/prompt_matrix.py checks the posts)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Reading a principle's prompt lists or the pack's prompts by kind, outside bot/prompts/.
DIRECT = re.compile(
    r"(?<![\w\"])\w+\.(?:reflections|reminders|next_steps|check_statement)\b(?!\()|pack\.prompts\("
)


def test_no_feature_reads_the_pack_prompts_directly() -> None:
    found = []
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "adapters").rglob("*.py")]):
        if path.is_relative_to(ROOT / "bot" / "prompts"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = re.sub(r"\"[^\"]*\"", '""', line)  # strings (setting names) are not reads
            if DIRECT.search(code) and "schedule.reminders" not in code:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "read prompts through ctx.prompts / PromptOverrides.effective:\n" + "\n".join(
        found
    )
