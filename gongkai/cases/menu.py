from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("监督台"),
        "url": "cases:desk",
        "description": _("下级机关逾期申请、逾期公开、年报、投诉和评议情况，督办与通报"),
        "supervisor_only": True,
    },
    {
        "label": _("督办"),
        "url": "cases:urging-list",
        "description": _("上级督办事项的办理、反馈与确认"),
        "supervisor_only": False,
    },
    {
        "label": _("复议诉讼"),
        "url": "cases:case-list",
        "description": _("行政复议、行政诉讼案件与答复/答辩期限"),
        "supervisor_only": False,
    },
    {
        "label": _("投诉举报"),
        "url": "cases:complaint-list",
        "description": _("政府信息公开投诉举报的查证与答复"),
        "supervisor_only": False,
    },
    {
        "label": _("工作要点与台账"),
        "url": "cases:plan-list",
        "description": _("年度政务公开工作要点任务分解，会议、培训、自查自纠台账"),
        "supervisor_only": False,
    },
    {
        "label": _("政务新媒体"),
        "url": "cases:newmedia",
        "description": _("政务新媒体账号登记与年度排查整治"),
        "supervisor_only": False,
    },
]
