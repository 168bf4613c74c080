from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("主动公开"),
        "url": "publications:queue",
        "description": _("起草、预审、多轮审核、定时发布，超期提醒"),
        "supervisor_only": False,
    },
    {
        "label": _("年度统计数据"),
        "url": "publications:figures-home",
        "description": _("行政许可、行政处罚、行政强制、行政事业性收费"),
        "supervisor_only": False,
    },
]
