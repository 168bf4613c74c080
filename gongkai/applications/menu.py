from django.utils.translation import gettext_lazy as _

STAFF_MENU = [
    {
        "label": _("依申请公开"),
        "url": "applications:queue",
        "description": _("申请登记、办理期限、补正、征求意见、延期、收费、答复与审核"),
        "supervisor_only": False,
    },
]
