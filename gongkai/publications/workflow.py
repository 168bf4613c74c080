"""The review workflow of a publication, defined once.

Drafter sets the 公开属性 → 预审/保密审查 (第十七条) → review rounds (configurable per agency: 审核人, 负责人…)
→ publish now or at a scheduled time → later withdraw. 修改 / 废止 change the 有效性 of a published document and
are not status transitions. Nothing reaches PUBLISHED except from APPROVED, and nothing reaches APPROVED except
through the last review round, so a publication cannot skip review.
"""

from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Role

from .models import Status

DRAFTER_ROLES = frozenset({Role.CLERK, Role.HEAD, Role.ADMIN})
PRE_REVIEW_ROLES = frozenset({Role.REVIEWER, Role.HEAD, Role.ADMIN})
PUBLISHER_ROLES = frozenset({Role.CLERK, Role.HEAD, Role.ADMIN})
# Review rounds name a role; an administrator may act in any round.
REVIEW_ROLES = {"reviewer": Role.REVIEWER, "head": Role.HEAD}
ROUND_LABELS = {"reviewer": _("审核人审核"), "head": _("负责人审批")}

# action -> (allowed from-statuses, to-status or None when the service decides, roles allowed)
TRANSITIONS: dict[str, tuple[frozenset, str | None, frozenset | None]] = {
    "submit": (frozenset({Status.DRAFT, Status.RETURNED}), Status.PRE_REVIEW, DRAFTER_ROLES),
    "pre_review_pass": (frozenset({Status.PRE_REVIEW}), None, PRE_REVIEW_ROLES),  # IN_REVIEW or APPROVED
    "pre_review_return": (frozenset({Status.PRE_REVIEW}), Status.RETURNED, PRE_REVIEW_ROLES),
    "approve": (frozenset({Status.IN_REVIEW}), None, None),  # next round, APPROVED or NOT_PUBLIC; role per round
    "return": (frozenset({Status.IN_REVIEW}), Status.RETURNED, None),
    "publish": (frozenset({Status.APPROVED}), Status.PUBLISHED, PUBLISHER_ROLES),
    "schedule": (frozenset({Status.APPROVED}), Status.SCHEDULED, PUBLISHER_ROLES),
    "unschedule": (frozenset({Status.SCHEDULED}), Status.APPROVED, PUBLISHER_ROLES),
    "publish_scheduled": (frozenset({Status.SCHEDULED}), Status.PUBLISHED, None),  # the worker
    "withdraw": (frozenset({Status.PUBLISHED}), Status.WITHDRAWN, frozenset({Role.HEAD, Role.ADMIN})),
    "reopen": (frozenset({Status.WITHDRAWN}), Status.DRAFT, DRAFTER_ROLES),
}

EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# Validity changes (修改 / 废止) of a published document.
VALIDITY_ROLES = frozenset({Role.HEAD, Role.ADMIN})

ACTION_LABELS = {
    "create": _("起草"),
    "edit": _("修改草稿"),
    "submit": _("提交预审"),
    "pre_review_pass": _("预审通过"),
    "pre_review_return": _("预审退回"),
    "approve": _("审核通过"),
    "return": _("退回修改"),
    "publish": _("发布"),
    "schedule": _("定时发布"),
    "unschedule": _("取消定时"),
    "publish_scheduled": _("定时发布（系统）"),
    "withdraw": _("撤回"),
    "reopen": _("重新起草"),
    "amend": _("标记已修改"),
    "repeal": _("废止"),
}


def allowed(action: str, status: str) -> bool:
    return status in TRANSITIONS[action][0]


def actions_from(status: str) -> list[str]:
    return [a for a, (src, _to, _roles) in TRANSITIONS.items() if status in src]
