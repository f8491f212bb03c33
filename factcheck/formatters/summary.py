"""The per-document summary (编码, 日期, 地区, 数字, 目标, 增速, 占比) as plain rows, for the terminal's
summary table and the HTML report alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.model.claims import Extraction

SUMMARY_COLUMNS = ("文档", "编码", "日期", "地区", "数字", "目标", "增速", "占比")


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    path: str
    encoding: str
    date: str
    region: str
    claims: int
    targets: int
    growth_rates: int
    shares: int

    def cells(self) -> tuple[str, ...]:
        return (self.path, self.encoding, self.date, self.region, str(self.claims), str(self.targets),
                str(self.growth_rates), str(self.shares))


def document_summaries(extraction: Extraction) -> list[DocumentSummary]:
    rows = []
    for doc in extraction.documents:
        roles = Counter(c.role for c in doc.claims)
        info = doc.document
        rows.append(DocumentSummary(info.path, info.encoding, info.date or "—", info.region or "—", len(doc.claims),
                                    roles["target"], roles["growth_rate"], roles["share"]))
    return rows


def totals_line(extraction: Extraction) -> tuple[str, str]:
    """"N 个文档，M 条数字声明" and the claims by dimension ("（count 120，money 80）", or "")."""
    claims = extraction.claims
    dims = Counter(c.quantity.dimension for c in claims)
    head = f"{len(extraction.documents)} 个文档，{len(claims)} 条数字声明"
    tail = "（" + "，".join(f"{k} {v}" for k, v in dims.most_common()) + "）" if dims else ""
    return head, tail
