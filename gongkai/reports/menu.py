from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("年度报告"),
        "url": "reports:index",
        "description": _("由系统数据生成、校验并发布政府信息公开工作年度报告"),
        "supervisor_only": False,
    },
    {
        "label": _("年报督查"),
        "url": "reports:supervision",
        "description": _("所辖机构年报的编制、发布、逾期和错误情况；汇总统计"),
        "supervisor_only": True,
    },
]
