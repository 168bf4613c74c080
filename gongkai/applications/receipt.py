"""第三十一条: which day is 收到申请之日, per channel, as a registration form needs it."""

from datetime import date

from gongkai.workdays.clock import receipt_date as statutory_receipt_date

from .models import Channel

RULES = {
    Channel.IN_PERSON: "当面提交，以提交之日为收到申请之日（第三十一条第（一）项）",
    Channel.ORAL: "口头提出、由工作机构代为填写，以提出之日为收到申请之日（第二十九条、第三十一条第（一）项）",
    Channel.POST_SIGNED: "邮寄提交，以本机关签收之日为收到申请之日（第三十一条第（二）项）",
    Channel.POST_UNSIGNED: "平常信函提交，以收到当日与申请人确认之日为收到申请之日（第三十一条第（二）项）",
    Channel.ONLINE: "通过互联网渠道提交，以双方确认之日为收到申请之日（第三十一条第（三）项）；网上提交后系统即时向申请人确认",
    Channel.FAX: "通过传真提交，以双方确认之日为收到申请之日（第三十一条第（三）项）",
}


class ReceiptError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


MISSING = {
    Channel.POST_SIGNED: ("signed_on", "邮寄提交的申请须填写本机关签收日期。"),
    Channel.POST_UNSIGNED: ("confirmed_on", "平常信函和传真提交的申请须填写与申请人确认的日期。"),
    Channel.FAX: ("confirmed_on", "平常信函和传真提交的申请须填写与申请人确认的日期。"),
}


def receipt_date(
    channel: str, *, submitted_on: date, today: date, signed_on: date | None = None, confirmed_on: date | None = None
) -> tuple[date, str]:
    """Return (收到申请之日, the rule applied). Raises ReceiptError naming the form field at fault.

    The day itself is chosen by the deadline engine's 第三十一条 rule (``gongkai.workdays.clock.receipt_date``);
    this adds the checks a registration form needs and the channels of this app (口头提出, online confirmation).
    """
    if submitted_on > today:
        raise ReceiptError("submitted_on", "提交日期不能晚于今天。")
    # 口头提出 happens at the office, so the in-person rule applies (第二十九条); the system confirms an online
    # application the moment it is submitted.
    law_channel = Channel.IN_PERSON if channel == Channel.ORAL else channel
    if channel == Channel.ONLINE:
        confirmed_on = confirmed_on or submitted_on
    try:
        received, _note = statutory_receipt_date(
            law_channel, submitted=submitted_on, signed=signed_on, confirmed=confirmed_on
        )
    except ValueError as exc:
        raise ReceiptError(*MISSING[channel]) from exc
    field = "signed_on" if channel == Channel.POST_SIGNED else "confirmed_on"
    if received < submitted_on:
        raise ReceiptError(field, "签收或确认日期不能早于提交（寄出）日期。")
    if received > today:
        raise ReceiptError(field, "签收或确认日期不能晚于今天。")
    return received, RULES[channel]
