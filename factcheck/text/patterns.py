"""Patterns several stages read the same way: one home each, so that they cannot drift apart."""

from __future__ import annotations

import regex

# A year as these texts write it (1900-2099).
YEAR = r"(?:19|20)\d\d"

# A year named with 年 (2025年, 2025 年): not a decade (2010年代), not a starting point (2020年以来), and not
# the tail of a longer number (12025年).
YEAR_NAMED = regex.compile(rf"(?<!\d)({YEAR})\s*年(?!代|以来)")

# Full-width digits and the marks that belong to a figure, as their ASCII forms (１２．５％ → 12.5%).
FULLWIDTH_FIGURE = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"}
