"""The annual report as a value object, and the findings about it.

JSON form: shared/spec/report-ids.md. A blank or unreadable cell is ``None`` (JSON ``null``), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .formats import get_format

SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str  # Chinese, quoting the numbers
    location: str = ""  # section/row/column, or a line / table-row-column of the source

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "location": self.location}

    @classmethod
    def from_json(cls, d: dict) -> Finding:
        return cls(d["rule"], d["severity"], d["message"], d.get("location", ""))


Number = int | Decimal | None


def _num_out(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def _num_in(v, *, decimal: bool = False):
    if v is None:
        return None
    if decimal:
        try:
            return Decimal(str(v))
        except InvalidOperation:
            raise ValueError(f"not a number: {v!r}") from None
    return v


@dataclass
class AnnualReport:
    template: str = "2021"
    organization: str = ""
    year: int | None = None
    sections: dict[str, str] = field(default_factory=dict)  # "overview" 一, "problems" 五, "other" 六
    section2: dict = field(default_factory=dict)  # ids of report-ids.md
    section3: dict[str, list] = field(default_factory=dict)  # row id -> 7 values
    section4: list = field(default_factory=list)  # 15 values
    findings: list[Finding] = field(default_factory=list)
    # Headings in the order the source shows them (readers fill this; None for a generated report).
    headings: list[str] | None = None
    title: str = ""
    # Where a value came from in the source: "section3.total" -> "第68行", for finding locations.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def format(self):
        return get_format(self.template)

    @classmethod
    def empty(cls, template: str = "2021", organization: str = "", year: int | None = None) -> AnnualReport:
        """A report with every cell blank (None)."""
        fmt = get_format(template)
        s2 = {r.id: (None if r.scalar else [None] * len(r.columns)) for r in fmt.section2_rows}
        s3 = {r.id: [None] * 7 for r in fmt.section3_rows}
        return cls(
            template, organization, year, {k: "" for k in ("overview", "problems", "other")}, s2, s3, [None] * 15
        )

    @classmethod
    def zeros(cls, template: str = "2021", organization: str = "", year: int | None = None) -> AnnualReport:
        fmt = get_format(template)
        rep = cls.empty(template, organization, year)
        for r in fmt.section2_rows:
            zero = [Decimal(0) if i in r.decimal else 0 for i in range(len(r.columns))]
            rep.section2[r.id] = zero[0] if r.scalar else zero
        rep.section3 = {r.id: [0] * 7 for r in fmt.section3_rows}
        rep.section4 = [0] * 15
        return rep

    def to_json(self) -> dict:
        fmt = self.format
        s2 = {}
        for r in fmt.section2_rows:
            if r.id not in self.section2:
                continue
            v = self.section2[r.id]
            s2[r.id] = [_num_out(x) for x in v] if isinstance(v, list) else _num_out(v)
        return {
            "template": self.template,
            "organization": self.organization,
            "year": self.year,
            "sections": {k: self.sections.get(k, "") for k in ("overview", "problems", "other")},
            "section2": s2,
            "section3": {rid: list(self.section3[rid]) for rid in fmt.section3_ids if rid in self.section3},
            "section4": list(self.section4),
            "findings": [f.to_json() for f in self.findings],
        }

    @classmethod
    def from_json(cls, d: dict) -> AnnualReport:
        template = str(d.get("template", "2021"))
        fmt = get_format(template)
        s2 = {}
        for r in fmt.section2_rows:
            if r.id not in (d.get("section2") or {}):
                continue
            v = d["section2"][r.id]
            if isinstance(v, list):
                s2[r.id] = [_num_in(x, decimal=i in r.decimal) for i, x in enumerate(v)]
            else:
                s2[r.id] = _num_in(v, decimal=0 in r.decimal)
        return cls(
            template=template,
            organization=d.get("organization") or "",
            year=d.get("year"),
            sections=dict(d.get("sections") or {}),
            section2=s2,
            section3={k: list(v) if v is not None else [None] * 7 for k, v in (d.get("section3") or {}).items()},
            section4=list(d.get("section4") or []),
            findings=[Finding.from_json(f) for f in d.get("findings") or []],
        )

    # --- helpers -------------------------------------------------------------------------------
    def value(self, ref: tuple):
        """The value at a layout ``Cell.ref``."""
        section, row, index = ref
        if section == "section4":
            return self.section4[index] if index < len(self.section4) else None
        if section == "section3":
            vals = self.section3.get(row)
            return vals[index] if vals and index < len(vals) else None
        v = self.section2.get(row)
        if index is None or not isinstance(v, list):
            return v
        return v[index] if index < len(v) else None

    def full_text(self) -> str:
        return "\n".join(self.sections.get(k, "") or "" for k in ("overview", "problems", "other"))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]
