"""Default report deadlines per level: 次年1月31日 (条例 第四十九条第一款), editable by an administrator."""

from django.db import migrations

LEVELS = ["province", "city", "county", "township", "department"]


def seed(apps, schema_editor):
    ReportDeadline = apps.get_model("reports", "ReportDeadline")
    for level in LEVELS:
        ReportDeadline.objects.get_or_create(
            level=level,
            defaults={
                "month": 1,
                "day": 31,
                "remind_days": "14,3",
                "source": "《政府信息公开条例》第四十九条（乡镇以县级主管部门通知为准）",
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("reports", "ReportDeadline").objects.filter(level__in=LEVELS).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
