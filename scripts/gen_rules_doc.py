"""Write docs/rules.md and the README's table of checks from the checks' own metadata and examples."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.formatters.rule_docs import render_markdown, with_readme_table  # noqa: E402

if __name__ == "__main__":
    (ROOT / "docs" / "rules.md").write_text(render_markdown(), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(with_readme_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print("wrote docs/rules.md and the README's table of checks")
