"""`--format json`: schema factcheck-claims/1 (docs/schema/factcheck-claims-1.json)."""

from __future__ import annotations

import json

from factcheck.formatters.records import claim_record, document_record, error_record
from factcheck.model import Extraction

CLAIMS_SCHEMA = "factcheck-claims/1"


def claims_document(extraction: Extraction) -> dict:
    return {
        "schema": CLAIMS_SCHEMA,
        "documents": [document_record(d) for d in extraction.documents],
        "claims": [claim_record(c) for c in extraction.claims],
        "errors": [error_record(e) for e in extraction.errors],
    }


def render_claims(extraction: Extraction) -> str:
    return json.dumps(claims_document(extraction), ensure_ascii=False, indent=2) + "\n"
