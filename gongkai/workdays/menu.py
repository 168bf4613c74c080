from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("工作日历"),
        "url": "workdays:calendar",
        "description": _("法定节假日与调休安排、期限计算；录入新一年的放假通知"),
        "supervisor_only": False,
    }
]
