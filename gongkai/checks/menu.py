from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("年报检查"),
        "url": "checks:home",
        "description": _("上传下级机关已发布的年度报告（网页、Word、PDF、文本），读出表格并找出错误"),
        "supervisor_only": True,
    },
]
