"""JSON Schema of the report JSON (shared/spec/report-ids.md), built from the formats.

``schema.json`` next to this module is the published copy (regenerate with
``python -m gongkai.reports.core.schema > gongkai/reports/core/schema.json``; a test keeps them equal).
:func:`structure_errors` checks a document against the same structure without a schema library.
"""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.i18n import gettext as _
from gongkai.i18n import ngettext, pgettext

from .formats import FORMATS, Format

SCHEMA_PATH = Path(__file__).with_name("schema.json")
_COUNT = {"type": ["integer", "null"], "minimum": 0}
_SIGNED = {"type": ["integer", "null"]}
_AMOUNT = {"type": ["number", "null"], "minimum": 0}


def _cell(row, i):
    if i in row.decimal:
        return _AMOUNT
    return _SIGNED if i in row.signed else _COUNT


def _template_schema(fmt: Format) -> dict:
    s2 = {}
    for r in fmt.section2_rows:
        if r.scalar:
            s2[r.id] = {"description": f"{r.block} {r.label} {r.columns[0]}", **_cell(r, 0)}
        else:
            s2[r.id] = {
                "description": f"{r.block} {r.label}: " + " / ".join(r.columns),
                "type": ["array", "null"],
                "prefixItems": [_cell(r, i) for i in range(len(r.columns))],
                "items": False,
                "minItems": len(r.columns),
            }
    row = {"type": ["array", "null"], "items": _COUNT, "minItems": 7, "maxItems": 7}
    return {
        "if": {"properties": {"template": {"const": fmt.id}}},
        "then": {
            "properties": {
                "section2": {"type": "object", "properties": s2, "additionalProperties": False},
                "section3": {
                    "type": "object",
                    "properties": {r.id: {"description": r.label, **row} for r in fmt.section3_rows},
                    "additionalProperties": False,
                },
            }
        },
    }


def build_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schema/annual-report.json",
        "title": "政府信息公开工作年度报告（数据）",
        "description": "Cells named as in report-ids.md; a blank or unreadable cell is null, never 0.",
        "type": "object",
        "required": ["template", "section2", "section3", "section4"],
        "properties": {
            "template": {"enum": list(FORMATS)},
            "organization": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "sections": {
                "type": "object",
                "properties": {k: {"type": "string"} for k in ("overview", "problems", "other")},
                "additionalProperties": False,
            },
            "section2": {"type": "object"},
            "section3": {"type": "object"},
            "section4": {"type": "array", "items": _COUNT, "maxItems": 15},
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "severity", "message"],
                    "properties": {
                        "rule": {"type": "string"},
                        "severity": {"enum": ["error", "warning", "info"]},
                        "message": {"type": "string"},
                        "location": {"type": "string"},
                    },
                },
            },
        },
        "allOf": [_template_schema(f) for f in FORMATS.values()],
    }


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _check_value(v, spec, where, errors):
    if v is None:
        return
    types = spec["type"]
    if "integer" in types and not _is_int(v):
        errors.append(_("%(where)s: %(value)s 不是整数") % {"where": where, "value": repr(v)})
        return
    if "number" in types and (isinstance(v, bool) or not isinstance(v, int | float)):
        errors.append(_("%(where)s: %(value)s 不是数字") % {"where": where, "value": repr(v)})
        return
    # Ranges (minimum 0) are left to the validator's V7, which explains them in its own message.


def structure_errors(d) -> list[str]:
    """What makes ``d`` not match the shape and types of :func:`build_schema` (empty when it matches)."""
    errors: list[str] = []
    if not isinstance(d, dict):
        return [_("顶层应为对象（JSON object）")]
    for key in ("template", "section2", "section3", "section4"):
        if key not in d:
            errors.append(_("缺少字段 %(key)s") % {"key": key})
    if errors:
        return errors
    fmt = FORMATS.get(str(d["template"])) if isinstance(d["template"], str) else None
    if fmt is None:
        choices = pgettext("alternatives separator", " 或 ").join(FORMATS)
        return [_("template 应为 %(choices)s，而不是 %(value)s") % {"choices": choices, "value": repr(d["template"])}]
    if d.get("year") is not None and not _is_int(d["year"]):
        errors.append(_("year 应为整数"))
    for k, v in (d.get("sections") or {}).items():
        if k not in ("overview", "problems", "other"):
            errors.append(_("sections.%(key)s: 未知字段") % {"key": k})
        elif not isinstance(v, str):
            errors.append(_("sections.%(key)s: 应为文本") % {"key": k})
    schema = _template_schema(fmt)["then"]["properties"]
    s2 = d["section2"]
    if not isinstance(s2, dict):
        errors.append(_("section2 应为对象"))
    else:
        props = schema["section2"]["properties"]
        for k, v in s2.items():
            if k not in props:
                errors.append(_("section2.%(key)s: %(template)s 年格式中没有这一项") % {"key": k, "template": fmt.id})
                continue
            spec = props[k]
            if "prefixItems" in spec:
                if v is None:
                    continue
                if not isinstance(v, list) or len(v) != len(spec["prefixItems"]):
                    n = len(spec["prefixItems"])
                    errors.append(
                        ngettext(
                            "section2.%(key)s: 应为 %(n)s 个数的数组", "section2.%(key)s: 应为 %(n)s 个数的数组", n
                        )
                        % {"key": k, "n": n}
                    )
                    continue
                for i, (x, sp) in enumerate(zip(v, spec["prefixItems"], strict=True)):
                    _check_value(x, sp, f"section2.{k}[{i}]", errors)
            else:
                _check_value(v, spec, f"section2.{k}", errors)
    s3 = d["section3"]
    if not isinstance(s3, dict):
        errors.append(_("section3 应为对象"))
    else:
        ids = {r.id for r in fmt.section3_rows}
        for k, v in s3.items():
            if k not in ids:
                errors.append(_("section3.%(key)s: %(template)s 年格式中没有这一行") % {"key": k, "template": fmt.id})
                continue
            if v is None:
                continue
            if not isinstance(v, list) or len(v) != 7:
                errors.append(_("section3.%(key)s: 应为 7 个数的数组") % {"key": k})
                continue
            for i, x in enumerate(v):
                _check_value(x, _COUNT, f"section3.{k}[{i}]", errors)
    s4 = d["section4"]
    if not isinstance(s4, list) or len(s4) > 15:
        errors.append(_("section4 应为至多 15 个数的数组"))
    else:
        for i, x in enumerate(s4):
            _check_value(x, _COUNT, f"section4[{i}]", errors)
    for i, f in enumerate(d.get("findings") or []):
        if not isinstance(f, dict) or not {"rule", "severity", "message"} <= set(f):
            errors.append(_("findings[%(i)s]: 需要 rule、severity、message") % {"i": i})
        elif f["severity"] not in ("error", "warning", "info"):
            errors.append(f"findings[{i}].severity: {f['severity']!r}")
    return errors


def published_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


if __name__ == "__main__":
    print(json.dumps(build_schema(), ensure_ascii=False, indent=2))
