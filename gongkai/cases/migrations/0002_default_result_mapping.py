"""Default decision type → 表四 column mapping (spec §1.9, [I]: no official text fixes it; editable in the admin)."""

from django.db import migrations

SOURCE_I = "默认归类（无官方口径，见 spec §1.9），可在后台修改"
DEFAULTS = [
    ("uphold", "upheld", "行政复议法第六十八条 维持；" + SOURCE_I),
    ("reject_claims", "upheld", "行政诉讼法第六十九条 判决驳回原告诉讼请求，被诉行为未被纠正；" + SOURCE_I),
    ("change", "corrected", "行政复议法第六十三条；" + SOURCE_I),
    ("revoke", "corrected", "行政复议法第六十四条 / 行政诉讼法第七十条；" + SOURCE_I),
    ("confirm_illegal", "corrected", "行政复议法第六十五条 / 行政诉讼法第七十四条；" + SOURCE_I),
    ("order_performance", "corrected", "行政复议法第六十六条 / 行政诉讼法第七十二条；" + SOURCE_I),
    ("confirm_void", "corrected", "行政复议法第六十七条 / 行政诉讼法第七十五条；" + SOURCE_I),
    ("dismiss", "other", "行政复议法第六十九条 驳回复议请求；" + SOURCE_I),
    ("terminate", "other", "行政复议法第四十一条 终止；" + SOURCE_I),
    ("mediation", "other", "行政复议法第七十三条 调解；" + SOURCE_I),
    ("settlement", "other", "行政复议法第七十四条 和解；" + SOURCE_I),
    ("reject_suit", "other", "裁定驳回起诉；" + SOURCE_I),
    ("withdrawn", "other", "撤诉；" + SOURCE_I),
]


def seed(apps, schema_editor):
    ResultMapping = apps.get_model("cases", "ResultMapping")
    for decision_type, category, source in DEFAULTS:
        ResultMapping.objects.get_or_create(
            decision_type=decision_type, defaults={"category": category, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
