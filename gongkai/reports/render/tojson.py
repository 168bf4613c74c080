"""JSON following shared/spec/report-ids.md (findings included), checked against the core's JSON Schema."""

from __future__ import annotations

import json as _json

from ..core.model import AnnualReport


def as_dict(value: AnnualReport) -> dict:
    return value.to_json()


def render(value: AnnualReport, *, note: str = "") -> bytes:
    return (_json.dumps(as_dict(value), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
