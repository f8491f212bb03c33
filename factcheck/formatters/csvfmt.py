"""`--format csv`: one row per claim (the JSON claim fields as columns), or per target of the targets table."""

from __future__ import annotations

import csv
import io

from factcheck.formatters.records import CLAIM_FIELDS, TARGET_FIELDS, claim_record, target_csv_row
from factcheck.model.claims import Extraction


def render_claims(extraction: Extraction) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_FIELDS, lineterminator="\n")
    writer.writeheader()
    for claim in extraction.claims:
        row = claim_record(claim)
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                         for k, v in row.items()})
    return out.getvalue()


def render_targets(table) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TARGET_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in table.rows:
        writer.writerow(target_csv_row(row))
    return out.getvalue()
