"""Seed the 2019–2026 arrangements (data/arrangements.json) and the default statutory periods."""

import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "arrangements.json"

RULES = [
    ("reply", 20, "working", "《政府信息公开条例》第三十三条第二款：自收到申请之日起20个工作日内予以答复", "2019-05-15"),
    ("extension", 20, "working", "《政府信息公开条例》第三十三条第二款：延长的期限最长不得超过20个工作日", "2019-05-15"),
    ("correction_notice", 7, "working", "《政府信息公开条例》第三十条：自收到申请之日起7个工作日内一次性告知申请人作出补正", "2019-05-15"),
    ("consultation", 15, "working", "《政府信息公开条例》第三十二条、第三十四条：自收到征求意见书之日起15个工作日内提出意见", "2019-05-15"),
    ("publication", 20, "working", "《政府信息公开条例》第二十六条：自该政府信息形成或者变更之日起20个工作日内及时公开", "2019-05-15"),
    ("reconsideration_reply", 10, "working", "《行政复议法》（2023修订）第四十八条、第八十八条第二款：自收到申请书副本或者笔录复印件之日起10日内提出书面答复（工作日）", "2024-01-01"),
    ("litigation_defence", 15, "calendar", "《行政诉讼法》第六十七条：被告应当在收到起诉状副本之日起十五日内提交作出行政行为的证据和所依据的规范性文件，并提出答辩状", "2015-05-01"),
]


def seed(apps, schema_editor):
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    DeadlineRule = apps.get_model("workdays", "DeadlineRule")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for year_text, info in data["years"].items():
        year, _ = CalendarYear.objects.update_or_create(
            year=int(year_text),
            defaults={
                "title": info["title"],
                "number": info["number"],
                "published_on": date.fromisoformat(info["published"]) if info["published"] else None,
                "source_url": info["url"],
                "note": "；".join(x for x in (info["note"], "日期数据：" + data["source"]) if x),
                "loaded": True,
            },
        )
        for d, kind, name in info["days"]:
            CalendarDay.objects.update_or_create(
                date=date.fromisoformat(d), defaults={"arrangement": year, "kind": kind, "name": name}
            )
    for kind, days, counting, basis, effective in RULES:
        DeadlineRule.objects.get_or_create(
            kind=kind,
            effective_from=date.fromisoformat(effective),
            defaults={"days": days, "counting": counting, "legal_basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
