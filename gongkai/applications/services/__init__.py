"""Every state change of an application: check the state, record the clock event, recompute, audit.

Each action is ``@transaction.atomic`` with keyword-only arguments and ``by=`` the acting user (None for the
applicant or the system). Concurrency: each action claims the application with a compare-and-swap on
``version`` (and ``status``); the loser gets :class:`workflow.Conflict`, and nothing is written.
Personal data of the applicant never goes into audit rows.

The actions live in modules by concern; import them from here (``services.withdraw``):

* ``base``                shared helpers (compare-and-swap claim, audit, numbering, 查询码)
* ``intake``              online filing, staff registration, 一事一申请 splitting
* ``applicant_requests``  补正 (第三十条), 说明理由 and 延迟答复 (第三十五条)
* ``consultations``       third parties (第三十二条, incl. the 决定公开告知书) and co-producers (第三十四条)
* ``fee_notices``         信息处理费 (第四十二条, 109号)
* ``decisions``           assignment, withdrawal, extension, decision and review
* ``configuration``       agency settings and letter templates
"""

from ..receipt import ReceiptError, receipt_date
from .applicant_requests import (
    lapse_correction,
    request_correction,
    request_explanation,
    set_delay,
    submit_correction,
    submit_explanation,
)
from .base import APPLICANT, CODE_ALPHABET, SYSTEM, code_matches, new_access_code
from .configuration import save_letter_template, update_settings
from .consultations import (
    disclosure_notice_refusal,
    lapse_consultation,
    notify_third_party_of_disclosure,
    record_consultation_answer,
    start_consultation,
)
from .decisions import (
    assign,
    decide_extension,
    draft_decision,
    request_extension,
    review_decision,
    validate_decision,
    withdraw,
)
from .fee_notices import (
    applicant_fee_note,
    fee_quote,
    fee_schedule,
    issue_fee_notice,
    lapse_fee,
    monthly_count,
    record_fee_paid,
)
from .intake import APPLICATION_FIELDS, register, split, submit_online

__all__ = [
    "APPLICANT",
    "APPLICATION_FIELDS",
    "CODE_ALPHABET",
    "SYSTEM",
    "ReceiptError",
    "applicant_fee_note",
    "assign",
    "code_matches",
    "decide_extension",
    "disclosure_notice_refusal",
    "draft_decision",
    "fee_quote",
    "fee_schedule",
    "issue_fee_notice",
    "lapse_consultation",
    "lapse_correction",
    "lapse_fee",
    "monthly_count",
    "new_access_code",
    "notify_third_party_of_disclosure",
    "receipt_date",
    "record_consultation_answer",
    "record_fee_paid",
    "register",
    "request_correction",
    "request_explanation",
    "request_extension",
    "review_decision",
    "save_letter_template",
    "set_delay",
    "split",
    "start_consultation",
    "submit_correction",
    "submit_explanation",
    "submit_online",
    "update_settings",
    "validate_decision",
    "withdraw",
]
