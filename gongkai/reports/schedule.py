"""Report deadlines as data: an organization's own row, else its level's row, else 次年1月31日 (条例 第四十九条)."""

from datetime import date

from .models import ReportDeadline

DEFAULT = ReportDeadline(month=1, day=31, remind_days="14,3", source="《政府信息公开条例》第四十九条")


def rule_for(org, *, rules: dict | None = None) -> ReportDeadline:
    """The deadline row that applies to ``org``; pass ``rules`` (from :func:`all_rules`) when looping."""
    if rules is None:
        rules = all_rules()
    return rules["org"].get(org.pk) or rules["level"].get(org.level) or DEFAULT


def all_rules() -> dict:
    by_org, by_level = {}, {}
    for rule in ReportDeadline.objects.all():
        if rule.organization_id:
            by_org[rule.organization_id] = rule
        else:
            by_level[rule.level] = rule
    return {"org": by_org, "level": by_level}


def due_date(org, year: int, *, rules: dict | None = None) -> date:
    return rule_for(org, rules=rules).due_for(year)
