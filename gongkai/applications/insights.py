"""Hints for the clerk (never automatic decisions):

* likely repeat: the same applicant already got an answer to a similar request → 不予处理 2 (第三十六条（六）);
* heavy applicant: many applications this calendar month → 第三十五条 (说明理由) and 109号 fees;
* many applicants asked for the same thing → consider 主动公开 (第四十四条).
"""

from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from .models import AgencySettings, Application

SIMILAR = 0.75
LOOKBACK_DAYS = 365


@dataclass
class Hint:
    kind: str
    text: str
    related: list


def similarity(a: str, b: str) -> float:
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def hints_for(app: Application) -> list[Hint]:
    settings_ = AgencySettings.for_org(app.organization)
    since = app.received_on - timedelta(days=LOOKBACK_DAYS)
    peers = list(
        Application.objects.filter(organization=app.organization, received_on__gte=since)
        .exclude(pk=app.pk)
        .only(
            "pk", "number", "description", "applicant_key", "status", "decision_category", "received_on", "concluded_on"
        )
        .order_by("-received_on")[:500]
    )
    out = []
    repeats = [p for p in peers if p.applicant_key == app.applicant_key and p.status == "answered"]
    repeats = [p for p in repeats if similarity(p.description, app.description) >= SIMILAR]
    if repeats:
        out.append(
            Hint(
                "repeat",
                _("同一申请人已就相似内容获得答复，可能属于重复申请（不予处理：重复申请，第三十六条第（六）项）。"),
                repeats[:5],
            )
        )
    month_start = app.received_on.replace(day=1)
    same_month = [p for p in peers if p.applicant_key == app.applicant_key and p.received_on >= month_start]
    if len(same_month) + 1 > settings_.heavy_applicant_threshold:
        out.append(
            Hint(
                "heavy",
                _(
                    "该申请人本月已向本机关提出%(n)d件申请，数量、频次可能明显超过合理范围：可要求说明理由（第三十五条），或依109号收取信息处理费。"
                )
                % {"n": len(same_month) + 1},
                same_month[:5],
            )
        )
    alike = [
        p
        for p in peers
        if p.applicant_key != app.applicant_key and similarity(p.description, app.description) >= SIMILAR
    ]
    applicants = {p.applicant_key for p in alike} | {app.applicant_key}
    if len(applicants) >= settings_.same_request_threshold:
        out.append(
            Hint(
                "proactive",
                _("已有%(n)d名申请人申请相同或相似的信息，可以考虑纳入主动公开范围（第四十四条）。")
                % {"n": len(applicants)},
                alike[:5],
            )
        )
    return out
