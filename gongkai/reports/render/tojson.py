"""JSON following shared/spec/report-ids.md (findings included), checked against the core's JSON Schema."""

from __future__ import annotations

import json as _json

from ..core.model import AnnualReport
from ..core.schema import structure_errors


def as_dict(value: AnnualReport) -> dict:
    data = value.to_json()
    problems = structure_errors(data)
    if problems:  # a bug in the generator or a stored version, never the user's fault: fail loudly
        raise ValueError("report JSON does not match the published schema: " + "; ".join(problems[:5]))
    return data


def render(value: AnnualReport, *, note: str = "") -> bytes:
    return (_json.dumps(as_dict(value), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
