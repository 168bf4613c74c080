"""``gongkai workdays add|between|explain|next|is …``: working-day arithmetic from the command line.

    gongkai workdays add 2024-09-27 20        → 2024-10-30
    gongkai workdays between 2024-09-27 2024-10-30   → 20
    gongkai workdays explain 2024-09-27 20    → the step-by-step explanation
    gongkai workdays next 2024-09-30          → 2024-10-08
    gongkai workdays is 2024-10-12            → 2024-10-12（星期六）是工作日（国庆节调休）

Bad input gives a one-line error on stderr and exit status 1 (never a traceback).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.workdays.calc import OutOfRange, default_calendar, fmt
from gongkai.workdays.clock import simple_deadline

USAGE = gettext_lazy(
    "用法 usage: gongkai workdays add 日期 天数 | between 日期 日期 | explain 日期 天数 | next 日期 | is 日期"
)
ARITY = {"add": 2, "between": 2, "explain": 2, "next": 1, "is": 1}


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("“%(text)s”不是有效日期，格式应为 YYYY-MM-DD (not a date: %(repr)s)") % {"text": text, "repr": repr(text)}
        ) from None


def parse_days(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise CommandError(
            _("“%(text)s”不是整数 (not an integer: %(repr)s)") % {"text": text, "repr": repr(text)}
        ) from None
    if n < 0:
        raise CommandError(_("天数不能为负数 (negative number of days: %(n)s)") % {"n": n})
    return n


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str for the description, not a lazy translation
        return _("工作日计算：add / between / explain / next / is")

    def add_arguments(self, parser):
        # Everything is validated by hand so that every mistake gives the same one-line error.
        parser.add_argument("action", nargs="?", default="")
        parser.add_argument("operands", nargs="*")
        parser.add_argument("--what", help=_("explain: 起算事由，如“收到申请”“信息形成”（默认：收到申请）"))
        parser.add_argument("--label", help=_("explain: 期限名称（默认：答复期限）"))

    def handle(self, *args, action="", **options):
        values = options["operands"]
        if action not in ARITY:
            raise CommandError(str(USAGE))
        if len(values) != ARITY[action]:
            raise CommandError(str(USAGE))
        calendar = self.calendar()
        try:
            self.run(calendar, action, values, options)
        except OutOfRange as exc:
            raise CommandError(f"{exc} (date out of range)") from None

    def calendar(self):
        from gongkai.workdays.services import get_calendar

        try:
            return get_calendar()
        except DatabaseError:
            # No migrated database (a fresh checkout): use the shipped 2019–2026 arrangements.
            return default_calendar()

    def run(self, calendar, action, values, options):
        if action == "add":
            start, n = parse_date(values[0]), parse_days(values[1])
            due = calendar.add_working_days(start, n)
            self.stdout.write(due.isoformat())
            if calendar.any_provisional(start, due):
                self.stderr.write(_("注意：所涉年度放假安排尚未录入，结果为暂定 (provisional)"))
        elif action == "between":
            a, b = parse_date(values[0]), parse_date(values[1])
            self.stdout.write(str(calendar.working_days_between(a, b)))
        elif action == "explain":
            start, n = parse_date(values[0]), parse_days(values[1])
            what, label = options["what"] or _("收到申请"), options["label"] or _("答复期限")
            _due, lines = simple_deadline(start, n, calendar, what=what, label=label)
            for line in lines:
                self.stdout.write(line)
        elif action == "next":
            self.stdout.write(calendar.next_working_day(parse_date(values[0])).isoformat())
        elif action == "is":
            d = parse_date(values[0])
            if calendar.is_working_day(d):
                name = calendar.makeup_name(d)
                line = _("%(day)s是工作日（%(name)s）") if name else _("%(day)s是工作日")
            else:
                name = calendar.holiday_name(d)
                line = _("%(day)s不是工作日（%(name)s）") if name else _("%(day)s不是工作日")
            self.stdout.write(line % {"day": fmt(d), "name": name})
