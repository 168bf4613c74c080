"""Standard catalogue nodes (条例 第二十条、第二十一条, verbatim) and the per-database search index."""

from django.db import migrations

ART20 = [
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
]
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
# 第二十一条: 设区的市级、县级人民政府及其部门
ART21_CITY_COUNTY = ["市政建设", "公共服务", "公益事业", "土地征收", "房屋征收", "治安管理", "社会救助"]
# 第二十一条: 乡（镇）人民政府
ART21_TOWNSHIP = [
    "贯彻落实农业农村政策",
    "农田水利工程建设运营",
    "农村土地承包经营权流转",
    "宅基地使用情况审核",
    "土地征收",
    "房屋征收",
    "筹资筹劳",
    "社会救助",
]
SOURCE = "《中华人民共和国政府信息公开条例》"


def load_nodes(apps, schema_editor):
    Node = apps.get_model("publications", "CatalogueNode")
    for i, name in enumerate(ART20, start=1):
        Node.objects.update_or_create(
            organization=None,
            code=f"art20-{i:02d}",
            defaults={"name": name, "scope": "all", "position": i, "source": f"{SOURCE}第二十条第（{NUMERALS[i - 1]}）项"},
        )
    for i, name in enumerate(ART21_CITY_COUNTY, start=1):
        Node.objects.update_or_create(
            organization=None,
            code=f"art21-cc-{i:02d}",
            defaults={"name": name, "scope": "city_county", "position": 100 + i, "source": f"{SOURCE}第二十一条"},
        )
    for i, name in enumerate(ART21_TOWNSHIP, start=1):
        Node.objects.update_or_create(
            organization=None,
            code=f"art21-tw-{i:02d}",
            defaults={"name": name, "scope": "township", "position": 200 + i, "source": f"{SOURCE}第二十一条"},
        )


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE publications_fts USING fts5(tokens, content='publications_searchdocument', "
    "content_rowid='publication_id', tokenize='unicode61')",
    "CREATE TRIGGER publications_fts_ai AFTER INSERT ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(rowid, tokens) VALUES (new.publication_id, new.tokens); END",
    "CREATE TRIGGER publications_fts_ad AFTER DELETE ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, tokens) VALUES ('delete', old.publication_id, old.tokens); END",
    "CREATE TRIGGER publications_fts_au AFTER UPDATE ON publications_searchdocument BEGIN "
    "INSERT INTO publications_fts(publications_fts, rowid, tokens) VALUES ('delete', old.publication_id, old.tokens); "
    "INSERT INTO publications_fts(rowid, tokens) VALUES (new.publication_id, new.tokens); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publications_fts_au",
    "DROP TRIGGER IF EXISTS publications_fts_ad",
    "DROP TRIGGER IF EXISTS publications_fts_ai",
    "DROP TABLE IF EXISTS publications_fts",
]
PG_FORWARD = [
    "ALTER TABLE publications_searchdocument ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (array_to_tsvector(string_to_array(tokens, ' '))) STORED",
    "CREATE INDEX publications_searchdocument_tsv ON publications_searchdocument USING gin (tsv)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS publications_searchdocument_tsv",
    "ALTER TABLE publications_searchdocument DROP COLUMN IF EXISTS tsv",
]


def search_forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def search_backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [
        migrations.RunPython(load_nodes, migrations.RunPython.noop),
        migrations.RunPython(search_forward, search_backward),
    ]
