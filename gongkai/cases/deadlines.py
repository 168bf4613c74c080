"""Stored deadlines of 复议/诉讼 cases and the recompute hook (docs/interfaces.md ``deadlines.py``).

* 行政复议 答复: 10 日 (普通程序) / 5 日 (简易程序) from receipt of the copy of the application, 工作日
  (行政复议法 第四十八条, 第五十四条, 第八十八条第二款).
* 行政诉讼 答辩: 15 日 from receipt of the 起诉状副本 (行政诉讼法 第六十七条), calendar days; a last day that
  is not a working day rolls to the next working day (行政诉讼法 第一百零一条 → 民事诉讼法 第八十五条).
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Case, CaseKind, Procedure


def _period(kind: str, fallback: int, on: date) -> int:
    from gongkai.workdays import services as workdays

    try:
        return workdays.period(kind, on)
    except KeyError:  # a kind the deadline table does not hold (简易程序)
        return fallback


def reply_due(case: Case, calendar=None) -> tuple[date | None, list[str]]:
    """The 答复/答辩 due date of ``case`` and a Chinese explanation."""
    if not case.copy_received_on:
        return None, []
    from gongkai.workdays import clock
    from gongkai.workdays import services as workdays

    calendar = calendar or workdays.get_calendar()
    if case.kind == CaseKind.RECONSIDERATION:
        if case.procedure == Procedure.SIMPLIFIED:
            days = _period("reconsideration_reply_simplified", 5, case.copy_received_on)  # 行政复议法 第五十四条
        else:
            days = _period("reconsideration_reply", 10, case.copy_received_on)  # 行政复议法 第四十八条
        return clock.simple_deadline(
            case.copy_received_on, days, calendar, what=_("收到行政复议申请书副本"), label=_("书面答复期限")
        )
    days = _period("litigation_defence", 15, case.copy_received_on)  # 行政诉讼法 第六十七条
    return clock.simple_deadline(
        case.copy_received_on, days, calendar, what=_("收到起诉状副本"), label=_("答辩期限"), counting="calendar"
    )


@transaction.atomic
def recompute_all(*, calendar, today, by) -> list:  # noqa: ARG001 (hook signature)
    """Recompute the stored due dates of cases still waiting for the agency's 答复/答辩."""
    from gongkai.workdays.services import Changed, save_changed

    changed = []
    open_cases = Case.objects.select_for_update().filter(copy_received_on__isnull=False, replied_on__isnull=True)
    for case in open_cases:
        new, _lines = reply_due(case, calendar)
        if new != case.reply_due:
            changed.append(Changed(case, case.reply_due, new))
            case.reply_due = new
    # audited by recompute_open_deadlines
    save_changed(Case, [item.obj for item in changed], ["reply_due"])
    return changed
