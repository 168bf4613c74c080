"""The application's states and the allowed transitions, defined once.

Templates, permissions and services all read this module (STYLE §7.4).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("办理中")
    CORRECTION = "correction", _("待申请人补正")
    EXPLANATION = "explanation", _("待申请人说明理由")
    CONSULTING = "consulting", _("征求意见中")
    FEE_PENDING = "fee_pending", _("待申请人缴费")
    REVIEW = "review", _("答复审核中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已终止")
    WITHDRAWN = "withdrawn", _("已撤回")


S = Status
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.CORRECTION, S.EXPLANATION, S.CONSULTING, S.FEE_PENDING, S.REVIEW, S.WITHDRAWN, S.RECEIVED},
    S.CORRECTION: {S.RECEIVED, S.CLOSED, S.WITHDRAWN},
    S.EXPLANATION: {S.RECEIVED, S.REVIEW, S.WITHDRAWN},
    S.CONSULTING: {S.RECEIVED, S.CONSULTING, S.WITHDRAWN},
    S.FEE_PENDING: {S.RECEIVED, S.CLOSED, S.WITHDRAWN},
    S.REVIEW: {S.RECEIVED, S.REVIEW, S.ANSWERED, S.WITHDRAWN},
    S.ANSWERED: set(),
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
}
TERMINAL = frozenset({S.ANSWERED, S.CLOSED, S.WITHDRAWN})
OPEN = frozenset(set(Status) - TERMINAL)
# States in which the applicant owes us something (the reply clock is paused or awaiting them).
WAITING_FOR_APPLICANT = frozenset({S.CORRECTION, S.FEE_PENDING, S.EXPLANATION})
# States in which a clerk may still draft the answer or take procedural steps.
WORKING = frozenset({S.RECEIVED, S.CONSULTING})


class InvalidTransition(Exception):
    pass


class Conflict(Exception):
    """Someone else changed the application first (compare-and-swap failed)."""


def can_transition(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, set())


def check(current: str, new: str) -> None:
    if not can_transition(current, new):
        raise InvalidTransition(_("当前状态“%(cur)s”下不能进行此操作。") % {"cur": Status(current).label})


class Action(models.TextChoices):
    """What a user can do, and in which states (shown as buttons; enforced in services)."""

    ASSIGN = "assign", _("指派承办人")
    CORRECTION = "correction", _("补正告知")
    CORRECTION_RECEIVED = "correction_received", _("登记补正材料")
    EXPLANATION = "explanation", _("要求说明理由（第三十五条）")
    EXPLANATION_RECEIVED = "explanation_received", _("登记申请人说明")
    DELAY = "delay", _("确定延迟答复期限（第三十五条）")
    CONSULT = "consult", _("征求意见")
    CONSULT_ANSWER = "consult_answer", _("登记意见")
    EXTENSION_REQUEST = "extension_request", _("申请延期答复")
    EXTENSION_APPROVE = "extension_approve", _("批准延期答复")
    FEE = "fee", _("收费通知")
    FEE_PAID = "fee_paid", _("确认已缴费")
    DECIDE = "decide", _("拟定答复")
    REVIEW = "review", _("审核答复")
    WITHDRAW = "withdraw", _("登记撤回申请")
    SPLIT = "split", _("拆分申请（一事一申请）")


ACTION_STATES: dict[str, frozenset] = {
    Action.ASSIGN: OPEN,
    Action.CORRECTION: frozenset({S.RECEIVED}),
    Action.CORRECTION_RECEIVED: frozenset({S.CORRECTION}),
    Action.EXPLANATION: frozenset({S.RECEIVED}),
    Action.EXPLANATION_RECEIVED: frozenset({S.EXPLANATION}),
    Action.DELAY: frozenset({S.RECEIVED}),
    Action.CONSULT: WORKING,
    Action.CONSULT_ANSWER: frozenset({S.CONSULTING}),
    Action.EXTENSION_REQUEST: WORKING,
    Action.EXTENSION_APPROVE: WORKING | {S.REVIEW},
    Action.FEE: frozenset({S.RECEIVED}),
    Action.FEE_PAID: frozenset({S.FEE_PENDING}),
    Action.DECIDE: frozenset({S.RECEIVED, S.EXPLANATION}),
    Action.REVIEW: frozenset({S.REVIEW}),
    Action.WITHDRAW: OPEN,
    Action.SPLIT: frozenset({S.RECEIVED}),
}


def allowed_actions(status: str) -> list[str]:
    return [a for a, states in ACTION_STATES.items() if status in states]


def can_withdraw(status: str) -> bool:
    """The applicant may withdraw until the answer is sent or the case is otherwise closed."""
    return status in ACTION_STATES[Action.WITHDRAW]
