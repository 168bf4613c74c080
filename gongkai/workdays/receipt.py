"""收到申请之日 under 第三十一条: which day a disclosure application counts as received, by channel.

Pure Python (no Django); messages are marked with :mod:`gongkai.i18n`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from gongkai.i18n import gettext as _
from gongkai.i18n import gettext_noop


class Channel(StrEnum):
    """How an application arrived (第三十一条 decides which day counts as 收到申请之日)."""

    IN_PERSON = "in_person"  # 当面提交: the day it is handed in
    POST_SIGNED = "post_signed"  # 邮寄（需签收）: the day the agency signs for it
    POST_UNSIGNED = "post_unsigned"  # 平常信函等无需签收: the day the office confirms with the applicant
    ONLINE = "online"  # 互联网渠道: the day both sides confirm
    FAX = "fax"  # 传真: the day both sides confirm


# Untranslated (marked for makemessages); translate where used: _(CHANNEL_LABELS[channel]).
CHANNEL_LABELS = {
    Channel.IN_PERSON: gettext_noop("当面提交的，以提交之日为收到申请之日"),
    Channel.POST_SIGNED: gettext_noop("邮寄提交的，以签收之日为收到申请之日"),
    Channel.POST_UNSIGNED: gettext_noop("以平常信函提交的，以与申请人确认之日为收到申请之日"),
    Channel.ONLINE: gettext_noop("通过互联网渠道提交的，以双方确认之日为收到申请之日"),
    Channel.FAX: gettext_noop("通过传真提交的，以双方确认之日为收到申请之日"),
}


def receipt_date(
    channel: Channel | str,
    *,
    submitted: date | None = None,
    signed: date | None = None,
    confirmed: date | None = None,
) -> tuple[date, str]:
    """收到申请之日 under 第三十一条, and the note to put on the RECEIVED event.

    Raises ValueError when the date that article needs is missing.
    """
    channel = Channel(channel)
    needed = {
        Channel.IN_PERSON: submitted,
        Channel.POST_SIGNED: signed,
        Channel.POST_UNSIGNED: confirmed,
        Channel.ONLINE: confirmed,
        Channel.FAX: confirmed,
    }[channel]
    rule = _(CHANNEL_LABELS[channel])
    if needed is None:
        raise ValueError(_("第三十一条：%(rule)s，缺少该日期") % {"rule": rule})
    return needed, _("依第三十一条，%(rule)s") % {"rule": rule}
