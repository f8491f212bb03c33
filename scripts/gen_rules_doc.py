"""Write docs/rules.md from the checks' own metadata and examples."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.formatters.rule_docs import render_markdown  # noqa: E402

if __name__ == "__main__":
    (ROOT / "docs" / "rules.md").write_text(render_markdown(), encoding="utf-8")
    print("wrote docs/rules.md")
