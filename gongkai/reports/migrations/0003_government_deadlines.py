"""县级以上地方人民政府: the 主管部门 publishes 本级政府's report by 3月31日 (条例 第四十九条第二款).

Departments keep 1月31日 (第一款); a 乡镇 keeps 1月31日 unless its county's notice says otherwise.
Rows an administrator already changed are left alone.
"""

from django.db import migrations

GOVERNMENT_LEVELS = ["province", "city", "county"]
SOURCE = "《政府信息公开条例》第四十九条第二款（本级政府年度报告3月31日前公布）"


def forward(apps, schema_editor):
    ReportDeadline = apps.get_model("reports", "ReportDeadline")
    ReportDeadline.objects.filter(level__in=GOVERNMENT_LEVELS, month=1, day=31).update(month=3, day=31, source=SOURCE)


def backward(apps, schema_editor):
    ReportDeadline = apps.get_model("reports", "ReportDeadline")
    ReportDeadline.objects.filter(level__in=GOVERNMENT_LEVELS, month=3, day=31, source=SOURCE).update(month=1, day=31)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_default_deadlines")]
    operations = [migrations.RunPython(forward, backward)]
