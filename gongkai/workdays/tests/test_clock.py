"""Clock replay: every event kind, with due dates and the explanation text. No database."""

from datetime import date

import pytest

from gongkai.workdays.calc import default_calendar
from gongkai.workdays.clock import ClockEvent, ClockRule, Kind, receipt_date, replay, simple_deadline

D = date.fromisoformat
CAL = default_calendar()
RECEIVED = ClockEvent(Kind.RECEIVED, D("2024-09-27"))


def run(*events, today="2024-10-08", rule=None):
    return replay([RECEIVED, *events], CAL, today=D(today), rule=rule or ClockRule())


def text(state):
    return "\n".join(state.explanation)


def test_received_starts_the_20_day_clock_with_a_step_by_step_explanation():
    s = replay([ClockEvent(Kind.RECEIVED, D("2024-09-27"), note="当面提交")], CAL, today=D("2024-10-08"))
    assert (s.state, s.due_date, s.correction_due, s.days_left, s.overdue, s.provisional) == (
        "running",
        D("2024-10-30"),
        D("2024-10-12"),
        17,
        False,
        False,
    )
    assert s.explanation[0] == (
        "2024-09-27（星期五）收到申请（当面提交），次日起算20个工作日；9月29日（星期日）调休上班计入；"
        "10月1日至7日国庆节放假不计；10月12日（星期六）调休上班计入；答复期限为2024-10-30（星期三）"
    )
    assert s.explanation[1] == "如需补正，应于2024-10-12（星期六）前一次性告知申请人（第三十条，7个工作日）"
    assert s.explanation[-1] == "截至2024-10-08（星期二），距答复期限还有17个工作日"


def test_it_is_overdue_after_the_due_date():
    s = run(today="2024-11-01")
    assert (s.due_date, s.days_left, s.overdue) == (D("2024-10-30"), -2, True)
    assert s.explanation[-1] == "截至2024-11-01（星期五），已超过答复期限2个工作日"


def test_correction_pauses_and_the_clock_restarts_from_the_corrected_application():
    requested = ClockEvent(Kind.CORRECTION_REQUESTED, D("2024-10-10"), until=D("2024-10-25"))
    s = run(requested, today="2024-10-15")
    assert (s.state, s.due_date, s.days_left, s.pause_reason, s.pause_until) == (
        "paused",
        None,
        20,
        "correction",
        D("2024-10-25"),
    )
    assert (
        "2024-10-10（星期四）告知申请人补正，补正期限至2024-10-25（星期五）；答复期限自收到补正的申请之日起重新计算（第三十条）"
        in s.explanation
    )
    s = run(requested, ClockEvent(Kind.CORRECTION_RECEIVED, D("2024-10-21")), today="2024-10-22")
    assert (s.state, s.due_date, s.days_left) == ("running", D("2024-11-18"), 19)
    assert "2024-10-21（星期一）收到补正的申请，次日起算20个工作日；答复期限为2024-11-18（星期一）" in s.explanation
    assert s.warnings == []


def test_a_late_correction_notice_is_flagged():
    s = run(ClockEvent(Kind.CORRECTION_REQUESTED, D("2024-10-14")), today="2024-10-15")
    assert s.warnings == [
        "补正告知于2024-10-14（星期一）发出，已超过第三十条规定的7个工作日（应于2024-10-12（星期六）前）"
    ]
    assert s.state == "paused"


def test_only_one_correction_notice_pauses_the_clock():
    first = ClockEvent(Kind.CORRECTION_REQUESTED, D("2024-10-08"))
    back = ClockEvent(Kind.CORRECTION_RECEIVED, D("2024-10-09"))
    again = ClockEvent(Kind.CORRECTION_REQUESTED, D("2024-10-10"))
    s = run(first, back, again, today="2024-10-11")
    assert s.state == "running"
    assert s.due_date == CAL.add_working_days(D("2024-10-09"), 20)
    assert any("一次性告知补正" in w for w in s.warnings)


def test_a_lapsed_correction_closes_the_case():
    s = run(
        ClockEvent(Kind.CORRECTION_REQUESTED, D("2024-10-08")),
        ClockEvent(Kind.CORRECTION_LAPSED, D("2024-10-25")),
        today="2024-11-20",
    )
    assert (s.state, s.overdue, s.closed_on, s.days_left) == ("closed", False, D("2024-10-25"), None)
    assert "2024-10-25（星期五）申请人无正当理由逾期不补正，视为放弃申请，不再处理（第三十条）" in s.explanation


def test_third_party_consultation_time_is_excluded():
    sent = ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09"))
    s = run(sent, today="2024-10-11")
    assert (s.state, s.due_date, s.days_left, s.pause_reason, s.pause_until) == (
        "paused",
        None,
        16,
        "third_party",
        D("2024-10-29"),
    )
    assert (
        "2024-10-09（星期三）书面征求第三方意见，意见期限15个工作日至2024-10-29（星期二）；"
        "征求意见所需时间不计算在答复期限内（第三十二条、第三十三条第三款）"
    ) in s.explanation
    s = run(sent, ClockEvent(Kind.THIRD_PARTY_ANSWERED, D("2024-10-15")), today="2024-10-16")
    assert (s.state, s.due_date) == ("running", D("2024-11-06"))
    assert "2024-10-15（星期二）收到第三方意见" in s.explanation
    assert (
        "自2024-10-09（星期三）次日至2024-10-15（星期二）（5个工作日）不计入答复期限，"
        "自2024-10-15（星期二）次日起继续计算剩余16个工作日，答复期限为2024-11-06（星期三）"
    ) in s.explanation


def test_a_lapsed_third_party_window_resumes_the_clock_at_its_end():
    sent = ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09"))
    s = run(sent, ClockEvent(Kind.THIRD_PARTY_LAPSED, D("2024-10-30")), today="2024-11-01")
    assert (s.state, s.due_date) == ("running", D("2024-11-20"))
    assert "2024-10-30（星期三）第三方逾期未提出意见，由本机关依法决定是否公开（第三十二条）" in s.explanation
    assert "2024-10-29（星期二）征求第三方意见的期限届满，未收到意见" in s.explanation
    assert "征求意见期限已于2024-10-29（星期二）届满，其后时间计入答复期限" in s.explanation
    assert s.warnings == []


def test_an_unanswered_consultation_resumes_by_itself_when_the_window_ends():
    sent = ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09"))
    assert run(sent, today="2024-10-29").state == "paused"  # the last day of the window is still excluded
    s = run(sent, today="2024-11-05")
    assert (s.state, s.due_date) == ("running", D("2024-11-20"))
    assert "2024-10-29（星期二）征求第三方意见的期限届满，未收到意见" in s.explanation


def test_co_producer_consultation_is_excluded_and_silence_means_consent():
    sent = ClockEvent(Kind.COPRODUCER_SENT, D("2024-10-09"))
    s = run(sent, ClockEvent(Kind.COPRODUCER_ANSWERED, D("2024-10-15")), today="2024-10-16")
    assert s.due_date == D("2024-11-06")
    assert "2024-10-15（星期二）收到共同制作机关意见" in s.explanation
    assert any("第三十四条、第三十三条第三款" in line for line in s.explanation)
    s = run(sent, ClockEvent(Kind.COPRODUCER_LAPSED, D("2024-10-29")), today="2024-11-01")
    assert s.due_date == D("2024-11-20")
    assert "2024-10-29（星期二）共同制作机关逾期未提出意见，视为同意公开（第三十四条）" in s.explanation


def test_overlapping_consultations_pause_once_until_the_last_answer():
    s = run(
        ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09")),
        ClockEvent(Kind.COPRODUCER_SENT, D("2024-10-10")),
        ClockEvent(Kind.THIRD_PARTY_ANSWERED, D("2024-10-14")),
        today="2024-10-15",
    )
    assert (s.state, s.days_left) == ("paused", 16)
    s = run(
        ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09")),
        ClockEvent(Kind.COPRODUCER_SENT, D("2024-10-10")),
        ClockEvent(Kind.THIRD_PARTY_ANSWERED, D("2024-10-14")),
        ClockEvent(Kind.COPRODUCER_ANSWERED, D("2024-10-16")),
        today="2024-10-17",
    )
    assert (s.state, s.due_date) == ("running", D("2024-11-07"))


def test_an_extension_adds_at_most_20_working_days_once():
    s = run(ClockEvent(Kind.EXTENDED, D("2024-10-25"), days=20), today="2024-10-28")
    assert (s.due_date, s.extended_days) == (D("2024-11-27"), 20)
    assert "2024-10-25（星期五）经工作机构负责人同意并告知申请人，答复期限延长20个工作日（第三十三条）" in s.explanation
    assert (
        "2024-10-30（星期三）原答复期限届满，次日起算20个工作日；延长后的答复期限为2024-11-27（星期三）"
        in s.explanation
    )
    twice = run(
        ClockEvent(Kind.EXTENDED, D("2024-10-25"), days=10),
        ClockEvent(Kind.EXTENDED, D("2024-10-28"), days=10),
        today="2024-10-28",
    )
    assert twice.due_date == CAL.add_working_days(D("2024-10-30"), 10)
    assert twice.warnings == ["答复期限只能延长一次（第三十三条），本次延长未计入"]
    too_long = run(ClockEvent(Kind.EXTENDED, D("2024-10-25"), days=25), today="2024-10-28")
    assert too_long.due_date == D("2024-10-30")
    assert too_long.warnings == ["延长期限最长不得超过20个工作日（第三十三条），本次延长未计入"]


def test_an_extension_while_paused_is_added_on_resumption():
    s = run(
        ClockEvent(Kind.THIRD_PARTY_SENT, D("2024-10-09")),
        ClockEvent(Kind.EXTENDED, D("2024-10-10"), days=5),
        ClockEvent(Kind.THIRD_PARTY_ANSWERED, D("2024-10-15")),
        today="2024-10-16",
    )
    assert s.due_date == CAL.add_working_days(D("2024-10-15"), 21)


def test_article_35_delay_sets_a_reasonable_date():
    s = run(
        ClockEvent(Kind.DELAY_SET, D("2024-10-25"), until=D("2024-12-31"), note="申请数量明显超过合理范围"),
        today="2024-10-28",
    )
    assert s.due_date == D("2024-12-31")
    assert (
        "2024-10-25（星期五）依第三十五条确定延迟答复的合理期限，答复期限为2024-12-31（星期二）（申请数量明显超过合理范围）"
        in s.explanation
    )
    s = run(ClockEvent(Kind.DELAY_SET, D("2024-10-25"), days=10), today="2024-10-28")
    assert s.due_date == D("2024-11-13")
    assert "2024-10-25（星期五）依第三十五条延迟答复10个工作日，答复期限为2024-11-13（星期三）" in s.explanation
    assert run(ClockEvent(Kind.DELAY_SET, D("2024-10-25")), today="2024-10-28").warnings


def test_a_fee_notice_pauses_until_payment():
    notice = ClockEvent(Kind.FEE_NOTICE_ISSUED, D("2024-10-10"), until=D("2024-10-25"))
    s = run(notice, today="2024-10-15")
    assert (s.state, s.days_left, s.pause_reason) == ("paused", 15, "fee")
    assert (
        "2024-10-10（星期四）发出信息处理费收费通知，缴费期限至2024-10-25（星期五）；缴费期间不计入答复期限（按本机关设置）"
        in s.explanation
    )
    s = run(notice, ClockEvent(Kind.FEE_PAID, D("2024-10-18")), today="2024-10-21")
    assert (s.state, s.due_date) == ("running", D("2024-11-08"))
    assert "2024-10-18（星期五）申请人缴纳信息处理费" in s.explanation


def test_the_fee_pause_is_configurable():
    rule = ClockRule(fee_pauses=False)
    s = run(
        ClockEvent(Kind.FEE_NOTICE_ISSUED, D("2024-10-10")),
        ClockEvent(Kind.FEE_PAID, D("2024-10-18")),
        today="2024-10-21",
        rule=rule,
    )
    assert (s.state, s.due_date) == ("running", D("2024-10-30"))
    assert "2024-10-10（星期四）发出信息处理费收费通知（按设置不中止答复期限）" in s.explanation


def test_an_unpaid_fee_ends_the_case():
    s = run(
        ClockEvent(Kind.FEE_NOTICE_ISSUED, D("2024-10-10")),
        ClockEvent(Kind.FEE_LAPSED, D("2024-10-28")),
        today="2024-11-20",
    )
    assert (s.state, s.overdue) == ("closed", False)
    assert "2024-10-28（星期一）申请人逾期未按收费通知要求缴纳费用，不再处理其申请" in s.explanation


@pytest.mark.parametrize(
    ("closed", "overdue", "line"),
    [
        ("2024-10-29", False, "2024-10-29（星期二）办结（予以公开），在答复期限内"),
        ("2024-10-30", False, "2024-10-30（星期三）办结（予以公开），在答复期限内"),
        ("2024-11-01", True, "2024-11-01（星期五）办结（予以公开），超过答复期限2个工作日"),
    ],
)
def test_closing_records_whether_the_reply_was_on_time(closed, overdue, line):
    s = run(ClockEvent(Kind.CLOSED, D(closed), note="予以公开"), today="2024-12-01")
    assert (s.state, s.overdue, s.closed_on, s.due_date) == ("closed", overdue, D(closed), D("2024-10-30"))
    assert s.explanation[-1] == line


def test_events_after_closing_or_before_receipt_are_ignored_with_a_warning():
    s = replay(
        [
            ClockEvent(Kind.EXTENDED, D("2024-09-20"), days=5),
            RECEIVED,
            ClockEvent(Kind.CLOSED, D("2024-10-10")),
            ClockEvent(Kind.EXTENDED, D("2024-10-11"), days=5),
        ],
        CAL,
        today=D("2024-10-15"),
    )
    assert s.state == "closed"
    assert s.extended_days == 0
    assert len(s.warnings) == 2


def test_future_events_are_not_applied_yet():
    s = run(ClockEvent(Kind.CLOSED, D("2024-10-20")), today="2024-10-10")
    assert s.state == "running"


def test_a_deadline_in_a_year_without_an_arrangement_is_provisional():
    s = replay([ClockEvent(Kind.RECEIVED, D("2026-12-20"))], CAL, today=D("2026-12-21"))
    assert (s.due_date, s.provisional) == (D("2027-01-18"), True)
    assert "2027年放假安排尚未录入，暂按周末和固定日期节日计算，为暂定期限" in s.explanation[0]


def test_custom_periods_come_from_the_rule():
    s = replay([RECEIVED], CAL, today=D("2024-10-08"), rule=ClockRule(reply_days=15, correction_notice_days=5))
    assert (s.due_date, s.correction_due) == (D("2024-10-23"), CAL.add_working_days(D("2024-09-27"), 5))


def test_simple_deadlines_for_publication_reconsideration_and_litigation():
    due, lines = simple_deadline(D("2024-09-27"), 20, CAL, what="信息形成", label="公开期限")
    assert due == D("2024-10-30")
    assert lines[0].endswith("公开期限为2024-10-30（星期三）")
    due, lines = simple_deadline(D("2024-09-27"), 10, CAL, what="收到行政复议申请书副本", label="答复期限")
    assert due == D("2024-10-16")
    due, lines = simple_deadline(D("2024-09-20"), 15, CAL, what="收到起诉状副本", label="答辩期限", counting="calendar")
    assert due == D("2024-10-08")
    assert lines == [
        "2024-09-20（星期五）收到起诉状副本，次日起算15日（自然日）；2024-10-05（星期六）为休息日，"
        "顺延至其后第一个工作日（民事诉讼法 第八十五条）；答辩期限为2024-10-08（星期二）"
    ]


def test_every_event_kind_is_handled():
    # A smoke check that no kind falls through silently: each one leaves a line in the explanation.
    for kind in Kind:
        if kind == Kind.RECEIVED:
            continue
        ev = ClockEvent(kind, D("2024-10-08"), days=5, until=D("2024-10-20"))
        s = run(ev, today="2024-10-08")
        assert any("2024-10-08（星期二）" in line and not line.startswith("截至") for line in s.explanation), kind


@pytest.mark.parametrize(
    ("channel", "dates", "expected"),
    [
        ("in_person", {"submitted": D("2024-09-27")}, D("2024-09-27")),
        ("post_signed", {"submitted": D("2024-09-20"), "signed": D("2024-09-27")}, D("2024-09-27")),
        ("post_unsigned", {"signed": D("2024-09-26"), "confirmed": D("2024-09-27")}, D("2024-09-27")),
        ("online", {"submitted": D("2024-09-25"), "confirmed": D("2024-09-27")}, D("2024-09-27")),
        ("fax", {"submitted": D("2024-09-25"), "confirmed": D("2024-09-27")}, D("2024-09-27")),
    ],
)
def test_article_31_picks_the_receipt_day_by_channel(channel, dates, expected):
    day, note = receipt_date(channel, **dates)
    assert day == expected
    assert note.startswith("依第三十一条，")
    s = replay([ClockEvent(Kind.RECEIVED, day, note=note)], CAL, today=D("2024-10-08"))
    assert s.due_date == D("2024-10-30")
    assert note in s.explanation[0]


def test_the_receipt_rule_is_part_of_the_explanation():
    day, note = receipt_date("post_signed", submitted=D("2024-09-20"), signed=D("2024-09-27"))
    s = replay([ClockEvent(Kind.RECEIVED, day, note=note)], CAL, today=D("2024-10-08"))
    assert s.explanation[0].startswith(
        "2024-09-27（星期五）收到申请（依第三十一条，邮寄提交的，以签收之日为收到申请之日），次日起算20个工作日；"
    )


def test_article_31_needs_the_confirmation_date_for_online_applications():
    with pytest.raises(ValueError, match="双方确认之日"):
        receipt_date("online", submitted=D("2024-09-25"))


def test_a_start_on_a_holiday_or_weekend_is_said_so():
    _, lines = simple_deadline(D("2024-10-01"), 1, CAL, what="收到申请", label="答复期限")
    assert lines == [
        "2024-10-01（星期二）收到申请（当日为国庆节假期），次日起算1个工作日；10月2日至7日国庆节放假不计；答复期限为2024-10-08（星期二）"
    ]
    _, lines = simple_deadline(D("2024-10-19"), 1, CAL, what="收到申请", label="答复期限")
    assert lines == ["2024-10-19（星期六）收到申请（当日为休息日），次日起算1个工作日；答复期限为2024-10-21（星期一）"]
