"""The standard catalogue (政府信息公开目录) headings of the 条例, verbatim (shared/spec/regulation.md §1.2).

Pure data plus :func:`ensure_standard_nodes`, used by the data migration and by code that must not assume the
rows survive a test database flush.
"""

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


def ensure_standard_nodes(Node) -> None:
    """Create or refresh the standard nodes with the given model class (historical or real)."""
    for i, name in enumerate(ART20, start=1):
        Node.objects.update_or_create(
            organization=None,
            code=f"art20-{i:02d}",
            defaults={
                "name": name,
                "scope": "all",
                "position": i,
                "source": f"{SOURCE}第二十条第（{NUMERALS[i - 1]}）项",
            },
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
