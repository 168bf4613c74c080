"""The Django layer: seeded calendar and rules, caching, entering a year, recalculation with audit."""

from datetime import date
from types import SimpleNamespace

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.workdays import services
from gongkai.workdays.models import CalendarDay, CalendarYear, DeadlineRule
from gongkai.workdays.services import Changed, DayRow, ImportError_, parse_days

D = date.fromisoformat
pytestmark = pytest.mark.django_db


def test_the_seeded_calendar_matches_the_spec():
    cal = services.get_calendar()
    assert cal.add_working_days(D("2024-09-27"), 20) == D("2024-10-30")
    assert cal.add_working_days(D("2026-02-10"), 40) == D("2026-04-14")
    assert [cal.working_days_in_year(y) for y in (2024, 2025, 2026)] == [251, 248, 248]
    assert sorted(CalendarYear.objects.values_list("year", flat=True)) == list(range(2019, 2027))
    y2024 = CalendarYear.objects.get(year=2024)
    assert y2024.number == "国办发明电〔2023〕7号"
    assert y2024.source_url
    assert cal.is_provisional(D("2027-03-01"))


def test_the_calendar_is_cached_and_rebuilt_after_an_edit():
    first = services.get_calendar()
    assert services.get_calendar() is first
    assert first.is_working_day(D("2024-10-18"))
    CalendarDay.objects.create(
        arrangement=CalendarYear.objects.get(year=2024), date=D("2024-10-18"), kind="holiday", name="测试"
    )
    second = services.get_calendar()
    assert second is not first
    assert not second.is_working_day(D("2024-10-18"))


def test_an_unloaded_year_is_provisional_even_with_rows():
    CalendarYear.objects.filter(year=2026).update(loaded=False)
    services.invalidate_calendar()
    cal = services.get_calendar()
    assert cal.is_provisional(D("2026-05-01"))
    assert cal.is_working_day(D("2026-02-16"))  # 春节 ignored while the year is not loaded


@pytest.mark.parametrize(
    ("kind", "days", "counting"),
    [
        ("reply", 20, "working"),
        ("extension", 20, "working"),
        ("correction_notice", 7, "working"),
        ("consultation", 15, "working"),
        ("publication", 20, "working"),
        ("reconsideration_reply", 10, "working"),
        ("reconsideration_reply_simplified", 5, "working"),
        ("litigation_defence", 15, "calendar"),
    ],
)
def test_default_periods_are_seeded_as_data(kind, days, counting):
    assert services.period(kind) == days
    rule = services.deadline_rule(kind)
    assert rule.counting == counting
    assert rule.legal_basis


def test_a_period_change_applies_from_its_effective_date():
    DeadlineRule.objects.create(kind="reply", days=15, effective_from=D("2030-01-01"), legal_basis="假设的修订")
    assert services.period("reply", D("2029-12-31")) == 20
    assert services.period("reply", D("2030-01-01")) == 15
    assert services.clock_rule(D("2030-06-01")).reply_days == 15


def test_a_rules_snapshot_answers_without_queries_and_by_effective_date(django_assert_num_queries):
    DeadlineRule.objects.create(kind="reply", days=15, effective_from=D("2030-01-01"), legal_basis="假设的修订")
    with services.rules_snapshot():
        with django_assert_num_queries(0):
            assert services.period("reply", D("2029-12-31")) == 20
            assert services.period("reply", D("2030-01-01")) == 15
            assert services.clock_rule(D("2030-06-01")).reply_days == 15
            assert services.deadline_rule("reply", D("2001-01-01")) is None  # before any rule: the statute's default
    with django_assert_num_queries(1):  # outside the block, each call reads the table again
        assert services.period("reply", D("2030-01-01")) == 15


def test_save_changed_writes_one_update_per_distinct_value(world, django_assert_num_queries):
    from gongkai.publications.models import Publication
    from gongkai.publications.test_support import make_publication

    yd, clerk = world["orgs"]["yuandian"], world["users"]["yd_clerk"]
    pubs = [make_publication(yd, by=clerk, title=f"关于第{i}批低保资格认定的通知") for i in range(5)]
    for i, pub in enumerate(pubs):
        pub.publish_due = D("2026-03-31") if i % 2 else D("2026-04-01")
    with django_assert_num_queries(2):
        services.save_changed(Publication, pubs[:4], ["publish_due"])
    stored = dict(Publication.objects.filter(pk__in=[p.pk for p in pubs]).values_list("pk", "publish_due"))
    assert [stored[p.pk] for p in pubs[:4]] == [D("2026-04-01"), D("2026-03-31"), D("2026-04-01"), D("2026-03-31")]
    assert stored[pubs[4].pk] != D("2026-04-01")  # not passed: not written


def test_a_missing_rule_falls_back_to_the_statute_and_unknown_kinds_fail():
    DeadlineRule.objects.filter(kind="consultation").delete()
    assert services.period("consultation") == 15
    with pytest.raises(KeyError):
        services.period("nonsense")


def test_parse_days_reports_every_bad_line_in_chinese():
    text = "2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-07,weekend,春节调休\n2027-02-08,workday,春节调休\n只有一项\n2027-01-01,holiday,元旦"
    with pytest.raises(ImportError_) as exc:
        parse_days(text)
    assert exc.value.errors == [
        "第2行：“2027-02-30”不是有效日期（格式 YYYY-MM-DD）",
        "第3行：类型“weekend”无效，应为 holiday（放假）或 workday（调休上班）",
        "第4行：2027-02-08 是工作日（周一至周五），无需登记为调休上班",
        "第5行：应为“日期,类型,名称”三项，如 2027-01-01,holiday,元旦",
        "第6行：2027-01-01 与第1行重复",
    ]


def test_parse_days_accepts_chinese_words_comments_and_full_width_commas():
    rows = parse_days("# 2027年\n2027-01-01，放假，元旦\n\n2027-02-07\t上班\t春节调休\n")
    assert rows == [DayRow(D("2027-01-01"), "holiday", "元旦"), DayRow(D("2027-02-07"), "workday", "春节调休")]
    with pytest.raises(ImportError_, match="不属于2026年"):
        parse_days("2027-01-01,holiday,元旦", year=2026)


@pytest.fixture
def fake_hook(monkeypatch, orgs):
    """A stand-in for an app's deadlines.recompute_all: one item whose due date moves, one that does not."""
    calls = []

    def recompute_all(*, calendar, today, by):
        calls.append((calendar, today, by))
        new_due = calendar.add_working_days(D("2027-02-01"), 5)
        return [
            Changed(orgs["yuandian"], D("2027-02-08"), new_due),
            (orgs["zhangwan"], D("2027-03-01"), D("2027-03-01")),
        ]

    monkeypatch.setattr(services, "deadline_hooks", lambda: [SimpleNamespace(recompute_all=recompute_all)])
    return calls


def test_entering_a_year_loads_it_recomputes_and_audits(fake_hook, users, orgs):
    rows = parse_days("2027-02-05,holiday,春节\n2027-02-08,holiday,春节\n2027-02-20,workday,春节调休", year=2027)
    change = services.save_arrangement(
        year=2027,
        days=rows,
        title="国务院办公厅关于2027年部分节假日安排的通知",
        by=users["yd_clerk"],
        today=D("2027-01-10"),
    )
    cal = services.get_calendar()
    assert not cal.is_provisional(D("2027-06-01"))
    assert not cal.is_working_day(D("2027-02-05"))
    assert cal.is_working_day(D("2027-02-20"))
    assert cal.is_working_day(D("2027-10-04"))  # provisional 补假 gone once the year is loaded
    (calendar, today, by) = fake_hook[0]
    assert (today, by) == (D("2027-01-10"), users["yd_clerk"])
    assert not calendar.is_provisional(D("2027-02-05"))
    # Only the item whose date moved is listed and audited.
    assert [(c.obj, c.old_due, c.new_due) for c in change.changed] == [
        (orgs["yuandian"], D("2027-02-08"), D("2027-02-10"))
    ]
    entries = AuditEntry.objects.filter(action="workdays.deadline_recomputed")
    assert entries.count() == 1
    assert entries.get().after == {"due": "2027-02-10"}
    assert AuditEntry.objects.filter(action="workdays.arrangement_created", object_repr__startswith="2027").exists()


def test_re_entering_a_year_replaces_its_dates_and_keeps_the_old_ones_in_the_audit(fake_hook, users):
    rows = parse_days("2024-10-01,holiday,国庆节", year=2024)
    services.save_arrangement(year=2024, days=rows, title="测试", by=users["yd_clerk"])
    assert list(CalendarDay.objects.filter(date__year=2024).values_list("date", flat=True)) == [D("2024-10-01")]
    entry = AuditEntry.objects.get(action="workdays.arrangement_saved")
    assert ["2024-10-12", "workday", "国庆节调休"] in entry.before["days"]


def test_import_adds_and_updates_dates_only(fake_hook, users):
    change = services.import_days(
        rows=parse_days("2024-10-12,holiday,测试改动\n2027-01-01,holiday,元旦"), by=users["yd_clerk"]
    )
    assert [a.year for a in change.arrangements] == [2024, 2027]
    assert CalendarDay.objects.get(date=D("2024-10-12")).kind == "holiday"
    assert CalendarDay.objects.filter(date__year=2024).count() > 20  # the rest of 2024 is kept
    assert CalendarYear.objects.get(year=2027).loaded
    assert AuditEntry.objects.filter(action="workdays.days_imported").count() == 2


def test_recompute_skips_apps_without_a_deadlines_module():
    modules = services.deadline_hooks()
    assert all(hasattr(m, "recompute_all") for m in modules)
    assert all(m.__name__.endswith(".deadlines") for m in modules)


def test_replay_events_uses_the_current_calendar_and_rules():
    from gongkai.workdays.clock import ClockEvent, Kind

    DeadlineRule.objects.create(kind="reply", days=15, effective_from=D("2024-09-01"), legal_basis="测试")
    s = services.replay_events([ClockEvent(Kind.RECEIVED, D("2024-09-27"))], today=D("2024-10-08"))
    assert s.due_date == D("2024-10-23")


def test_another_process_edit_is_noticed_after_the_recheck_interval(monkeypatch):
    first = services.get_calendar()
    # Simulate an edit made by another process: no signal reaches this one, only the row's timestamp moves.
    from django.db.models.signals import post_save

    with monkeypatch.context() as m:
        m.setattr(post_save, "send", lambda *a, **k: [])
        y = CalendarYear.objects.get(year=2024)
        CalendarDay.objects.create(arrangement=y, date=D("2024-10-18"), kind="holiday", name="测试")
        y.save()
    assert services.get_calendar() is first  # within the interval: cached
    monkeypatch.setattr(services, "RECHECK_SECONDS", 0.0)
    assert not services.get_calendar().is_working_day(D("2024-10-18"))


def test_an_empty_calendar_table_falls_back_to_the_shipped_arrangements():
    CalendarYear.objects.all().delete()
    services.invalidate_calendar()
    cal = services.get_calendar()
    assert cal.add_working_days(D("2024-09-27"), 20) == D("2024-10-30")
    assert not cal.is_provisional(D("2024-01-02"))


def test_recompute_runs_every_installed_hook(users):
    names = {m.__name__ for m in services.deadline_hooks()}
    assert {"gongkai.applications.deadlines", "gongkai.cases.deadlines", "gongkai.publications.deadlines"} <= names
    assert services.recompute_open_deadlines(by=users["yd_clerk"], today=D("2024-10-08")) == []
