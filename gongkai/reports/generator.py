"""Fill an annual report from the system's own records.

Table 二 comes from ``gongkai.publications.reporting.section2``, table 三 from
``gongkai.applications.reporting.section3``, table 四 from ``gongkai.cases.reporting.section4``
(docs/interfaces.md). Each selector is imported when it exists; a table whose selector is not
there (yet) stays editable by staff and starts blank (``None``, never a made-up 0).
Sections 一、五、六 are pre-filled with the facts the system knows; staff rewrite them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.hooks import optional_module
from gongkai.organizations.models import Organization

from .core.formats import get_format
from .core.model import AnnualReport

TABLE_SOURCES = {
    "section2": ("publications", "section2", "section2_records"),
    "section3": ("applications", "section3", "section3_records"),
    "section4": ("cases", "section4", "section4_records"),
}


def _reporting(app: str):
    return optional_module(f"gongkai.{app}.reporting")


def selector(table: str, *, records: bool = False):
    """The app's selector for ``table`` ("section2" / "section3" / "section4"), or None if not built yet."""
    app, fn, records_fn = TABLE_SOURCES[table]
    module = _reporting(app)
    return getattr(module, records_fn if records else fn, None) if module else None


def available_tables(template: str = "2021") -> list[str]:
    """Tables the system fills for ``template`` (2019's table 二 has other columns: always typed)."""
    out = [t for t in TABLE_SOURCES if selector(t) is not None]
    if template == "2019":
        out = [t for t in out if t != "section2"]
    return out


def default_template(year: int) -> str:
    """30号 (2021-09) applies from the report on 2021; 60号 before (regulation.md §2.8)."""
    return "2021" if year >= 2021 else "2019"


def org_ids_for(org: Organization, scope: str) -> list[int]:
    if scope == "subtree":
        return list(Organization.objects.subtree(org).filter(is_active=True).values_list("pk", flat=True))
    return [org.pk]


def empty_tables(template: str) -> dict:
    fmt = get_format(template)
    section2 = {r.id: (None if r.scalar else [None] * len(r.columns)) for r in fmt.section2_rows}
    section3 = {rid: [None] * 7 for rid in fmt.section3_ids}
    return {"section2": section2, "section3": section3, "section4": [None] * 15}


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, list):
        return [_add(x, y) for x, y in zip(a, b, strict=False)]
    return a + b


def _section2(org_ids: list[int], year: int) -> dict:
    fn = selector("section2")
    total: dict = {}
    for org_id in org_ids:
        for key, value in fn(org_id, year).items():
            if key == "fees_wan_yuan" and value is not None:
                value = Decimal(str(value))
            total[key] = _add(total.get(key), value)
    return total


def _section3(org_ids: list[int], year: int, template: str) -> dict:
    rows = {k: list(v) for k, v in selector("section3")(org_ids, year).items()}
    fmt = get_format(template)
    if template == "2019":
        other = [0] * 7
        for key in ("other.no_correction", "other.unpaid_fee", "other.other"):
            other = [a + b for a, b in zip(other, rows.pop(key, [0] * 7), strict=True)]
        rows["other"] = other
    if "total" not in rows:
        rows["total"] = [sum(rows.get(rid, [0] * 7)[c] for rid in fmt.result_row_ids) for c in range(7)]
    return {rid: rows.get(rid, [0] * 7) for rid in fmt.section3_ids}


def tables(org: Organization, year: int, *, template: str, scope: str = "own") -> tuple[dict, list[str]]:
    """The three tables for ``org`` and ``year`` and the names of those filled from records."""
    out = empty_tables(template)
    org_ids = org_ids_for(org, scope)
    generated = available_tables(template)
    if "section2" in generated:
        out["section2"].update({k: v for k, v in _section2(org_ids, year).items() if k in out["section2"]})
    if "section3" in generated:
        out["section3"] = _section3(org_ids, year, template)
    if "section4" in generated:
        out["section4"] = list(selector("section4")(org_ids, year))
    return out, generated


@dataclass
class Facts:
    """What the system knows for the narrative sections."""

    new: int | None = None
    new_last_year: int | None = None
    concluded: int | None = None
    carried_out: int | None = None
    granted: int | None = None
    publications: int | None = None
    fee_yuan: Decimal | None = None
    new_media: int | None = None
    new_media_text: str = ""
    cases: int | None = None
    complaints: int | None = None
    trainings: int | None = None
    extra: dict = field(default_factory=dict)


def _fees_paid(org_ids: list[int], year: int) -> Decimal | None:
    """信息处理费 paid in ``year`` (国办函〔2020〕109号), in 元, from the applications' fee notices."""
    try:
        from django.db.models import Sum

        from gongkai.applications.models import ApplicantRequest, RequestKind
    except ImportError:
        return None
    total = ApplicantRequest.objects.filter(
        application__organization_id__in=org_ids,
        kind=RequestKind.FEE,
        outcome=ApplicantRequest.Outcome.PAID,
        responded_on__year=year,
    ).aggregate(total=Sum("fee_amount"))["total"]
    return Decimal(total or 0)


def facts(org: Organization, year: int, *, scope: str = "own", section3: dict | None = None) -> Facts:
    org_ids = org_ids_for(org, scope)
    f = Facts()
    s3 = selector("section3")
    if s3 is not None:
        this = section3 if section3 is not None else s3(org_ids, year)
        last = s3(org_ids, year - 1)
        f.new = (this.get("new") or [0] * 7)[6]
        f.new_last_year = (last.get("new") or [0] * 7)[6]
        f.concluded = (this.get("total") or [0] * 7)[6]
        f.carried_out = (this.get("carried_out") or [0] * 7)[6]
        f.granted = (this.get("granted") or [0] * 7)[6]
    apps_module = _reporting("applications")
    fees = getattr(apps_module, "fees_collected", None) if apps_module else None
    if fees is not None:
        f.fee_yuan = Decimal(str(fees(org_ids, year) or 0))
    elif apps_module is not None:
        f.fee_yuan = _fees_paid(org_ids, year)
    pubs = _reporting("publications")
    count = getattr(pubs, "published_count", None) if pubs else None
    if count is not None:
        f.publications = sum(count(i, year) for i in org_ids)
    cases = _reporting("cases")
    narrative = getattr(cases, "narrative_facts", None) if cases else None
    if narrative is not None:
        extra = narrative(org.pk, year) or {}
        f.extra = dict(extra)
        media = extra.get("new_media")
        if isinstance(media, dict):
            f.new_media = media.get("count")
            f.new_media_text = media.get("text") or ""
        complaints = extra.get("complaints")
        if isinstance(complaints, dict):
            f.complaints = complaints.get("received")
        f.trainings = len(extra.get("trainings") or [])
    s4 = selector("section4")
    if s4 is not None:
        numbers = s4(org_ids, year)
        f.cases = (numbers[4] or 0) + (numbers[9] or 0) + (numbers[14] or 0)
    return f


def _change(now: int, before: int) -> str:
    if now > before:
        return f"比上年增加{now - before}件"
    if now < before:
        return f"比上年减少{before - now}件"
    return "与上年持平"


def prefill_sections(org: Organization, year: int, f: Facts) -> dict[str, str]:
    """Draft text for 一、五、六 from the facts; staff edit it before publication."""
    name = org.short_name or org.name
    overview = [
        f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        "坚持以公开为常态、不公开为例外，扎实做好主动公开、依申请公开、政府信息管理、"
        "政府信息公开平台建设和监督保障等工作。"
    ]
    if f.publications is not None:
        overview.append(f"全年主动公开政府信息{f.publications}条。")
    if f.new is not None:
        overview.append(
            f"全年新收政府信息公开申请{f.new}件，{_change(f.new, f.new_last_year or 0)}；"
            f"办结{f.concluded}件，其中予以公开{f.granted}件；结转下年度继续办理{f.carried_out}件。"
        )
    if f.cases is not None:
        overview.append(f"因政府信息公开工作被申请行政复议、提起行政诉讼共{f.cases}件。")
    if f.complaints is not None:
        overview.append(f"收到涉及政府信息公开工作的投诉、举报{f.complaints}件。")
    if f.trainings:
        overview.append(f"全年开展政府信息公开业务培训{f.trainings}次。")
    overview.append("（请补充工作考核、社会评议和责任追究结果情况。）")
    problems = f"{year}年{name}政府信息公开工作存在的主要问题：（请填写）。\n针对上述问题，改进情况如下：（请填写）。"
    other = []
    if f.fee_yuan is not None:
        basis = "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        if f.fee_yuan:
            other.append(f"1.收费情况。{basis}{year}年度共收取信息处理费{f.fee_yuan}元。")
        else:
            other.append(f"1.收费情况。{basis}{year}年度未收取信息处理费。")
    if f.new_media is not None:
        text = f.new_media_text or f"{name}开设政务新媒体{f.new_media}个。"
        other.append(f"{len(other) + 1}.政务新媒体情况。{text}")
    other.append(f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    return {"overview": "".join(overview), "problems": problems, "other": "\n".join(other)}


def generate(
    org: Organization, year: int, *, template: str | None = None, scope: str = "own", sections: dict | None = None
) -> tuple[AnnualReport, list[str]]:
    """A complete report value object for ``org`` and ``year`` plus the names of the generated tables."""
    template = template or default_template(year)
    data, generated = tables(org, year, template=template, scope=scope)
    if sections is None:
        known = data["section3"] if "section3" in generated else None  # not queried twice
        sections = prefill_sections(org, year, facts(org, year, scope=scope, section3=known))
    report = AnnualReport(
        template=template,
        organization=org.name,
        year=year,
        sections=dict(sections),
        section2=data["section2"],
        section3=data["section3"],
        section4=data["section4"],
    )
    return report, generated


def drilldown(table: str, org: Organization, year: int, *, scope: str, row: str | None, column: int | None):
    """The records behind one number, or None if that table is not generated."""
    fn = selector(table, records=True)
    if fn is None:
        return None
    org_ids = org_ids_for(org, scope)
    if table == "section3":
        return fn(org_ids, year, row, column)
    if table == "section4":
        return fn(org_ids, year, column)
    # Table 二: one cell id per row (a row of three numbers is addressed as "regulations.0" …).
    cell = row if column is None else f"{row}.{column}"
    from django.db.models import QuerySet

    parts = [fn(org_id, year, cell) for org_id in org_ids]
    if len(parts) == 1:
        return parts[0]
    qs: QuerySet = parts[0]
    for p in parts[1:]:
        qs = qs | p
    return qs
