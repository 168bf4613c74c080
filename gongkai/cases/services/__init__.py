"""Every state change of the cases app: one function each, atomic, audited (CONTRIBUTING.md).

One module per area; import the functions from here (``from gongkai.cases import services``).
"""

from .cases import CASE_FIELDS, create_case, update_case
from .common import Conflict, _mail, log, staff_emails
from .complaints import (
    find_application,
    find_complaint,
    rate_application,
    record_finding,
    register_complaint,
    reply_to_complaint,
    supervising_office_for,
)
from .urgings import _cas, confirm_urging, create_bulletin, issue_urging, issuer_for, remind_urging, reply_urging
from .work import (
    ACCOUNT_FIELDS,
    accounts_in_operation,
    add_task,
    create_plan,
    log_work,
    record_check,
    save_account,
    update_assignment,
)

__all__ = [
    "ACCOUNT_FIELDS",
    "CASE_FIELDS",
    "Conflict",
    "_cas",
    "_mail",
    "accounts_in_operation",
    "add_task",
    "confirm_urging",
    "create_bulletin",
    "create_case",
    "create_plan",
    "find_application",
    "find_complaint",
    "issue_urging",
    "issuer_for",
    "log",
    "log_work",
    "rate_application",
    "record_check",
    "record_finding",
    "register_complaint",
    "remind_urging",
    "reply_to_complaint",
    "reply_urging",
    "save_account",
    "staff_emails",
    "supervising_office_for",
    "update_case",
    "update_assignment",
]
