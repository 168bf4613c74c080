"""Demo publications: 原店镇 in every township catalogue node across 2024–2026, a sibling's normative documents,
interpretations, items at every workflow stage and an overdue draft. Idempotent (keyed by agency + title)."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import services
from .catalogue import ensure_standard_nodes
from .models import Attachment, CatalogueNode, Publication

P = "<p>{}</p>"


def _body(*paragraphs):
    return "".join(P.format(p) for p in paragraphs)


# (node code, title, 文号, formed/written date, body paragraphs, extra)
YUANDIAN = [
    (
        "art21-tw-01",
        "原店镇2024年耕地地力保护补贴发放情况公示",
        "",
        date(2024, 5, 20),
        [
            "根据上级关于耕地地力保护补贴工作的安排，现将本镇2024年耕地地力保护补贴发放情况予以公示。",
            "全镇共核定补贴面积3.2万亩，补贴标准为每亩105元，资金已通过惠民惠农财政补贴资金“一卡通”发放到户。",
            "公示期为7天。如有异议，请在公示期内向镇农业农村服务中心反映，联系电话：0398-3851001。",
        ],
        {},
    ),
    (
        "art21-tw-01",
        "关于做好2025年高标准农田建设项目申报工作的通知",
        "原政〔2025〕8号",
        date(2025, 3, 4),
        [
            "各村（社区）：为贯彻落实乡村振兴战略和农业农村政策，现就2025年高标准农田建设项目申报工作通知如下。",
            "一、申报范围：全镇具备集中连片条件的耕地。二、申报时间：3月10日至3月31日。三、申报材料：村民代表大会决议、地块四至图。",
        ],
        {},
    ),
    (
        "art21-tw-02",
        "原店镇2024年农田水利设施维修养护项目实施情况",
        "",
        date(2024, 11, 8),
        [
            "2024年，本镇对东坡、西沟等5个村的灌溉渠道和提灌站进行了维修养护，共维修渠道4.6公里、机井12眼。",
            "项目总投资28.5万元，全部为上级水利专项资金，已通过验收。",
        ],
        {},
    ),
    (
        "art21-tw-02",
        "2025年小型农田水利工程建设运营管护情况公示",
        "",
        date(2025, 9, 15),
        ["本年度新建小型蓄水池3座，建立村级管护员制度，明确“谁受益、谁管护”的运营管护责任。"],
        {},
    ),
    (
        "art21-tw-03",
        "原店镇农村土地承包经营权流转情况公示（2024年）",
        "",
        date(2024, 12, 10),
        [
            "2024年全镇新增农村土地经营权流转面积1260亩，流转合同均经镇农村经营管理站备案。",
            "流转坚持依法、自愿、有偿原则，不改变土地所有权性质和农业用途。",
        ],
        {},
    ),
    (
        "art21-tw-03",
        "关于规范农村土地经营权流转合同签订的通知",
        "原政办〔2026〕2号",
        date(2026, 1, 12),
        ["各村（社区）：为保护流转双方合法权益，土地经营权流转一律使用示范合同文本，并报镇农村经营管理站备案。"],
        {},
    ),
    (
        "art21-tw-04",
        "原店镇2024年第三批农村宅基地审批结果公示",
        "",
        date(2024, 9, 23),
        [
            "经村级审查、镇级审核，现将2024年第三批农村宅基地审批结果公示如下：共批准宅基地申请8户，面积均未超过每户167平方米的标准。",
            "公示期间如有异议，请向镇自然资源所反映。",
        ],
        {},
    ),
    (
        "art21-tw-04",
        "2025年第一批农村宅基地使用情况审核结果公示",
        "",
        date(2025, 4, 14),
        ["本批次受理宅基地申请11户，审核通过9户，不予通过2户（不符合“一户一宅”规定）。"],
        {},
    ),
    (
        "art21-tw-04",
        "2026年第一批农村宅基地使用情况审核结果公示",
        "",
        date(2026, 3, 16),
        ["本批次受理宅基地申请6户，经审核全部符合条件，现予公示。"],
        {},
    ),
    (
        "art21-tw-05",
        "关于原店镇东坡村集体土地征收补偿安置方案的公告",
        "原政告〔2025〕1号",
        date(2025, 6, 9),
        [
            "因陕州区城市基础设施建设需要，拟征收东坡村集体土地56.3亩。",
            "补偿标准按河南省公布的区片综合地价执行，被征地农民纳入社会保障。公告期为30日。",
        ],
        {},
    ),
    (
        "art21-tw-06",
        "原店镇棚户区改造项目房屋征收补偿情况公示",
        "",
        date(2024, 8, 5),
        ["原店镇棚户区改造项目涉及房屋征收42户，已全部签订补偿协议，补偿款已足额发放。"],
        {},
    ),
    (
        "art21-tw-07",
        "原店镇2025年村级公益事业一事一议筹资筹劳情况公示",
        "",
        date(2025, 10, 20),
        [
            "2025年全镇共有4个村开展一事一议筹资筹劳，筹资标准每人每年不超过15元，筹劳每个劳动力每年不超过10个工日。",
            "所筹资金用于村内道路硬化和路灯安装，账目在村务公开栏同步公开。",
        ],
        {},
    ),
    (
        "art21-tw-08",
        "原店镇2024年第四季度农村低保、特困供养人员名单公示",
        "",
        date(2024, 12, 20),
        [
            "根据《社会救助暂行办法》，现将2024年第四季度农村低保、特困供养人员名单予以公示。",
            "全镇农村低保对象326户512人，特困供养人员48人。公示期7天。",
        ],
        {},
    ),
    (
        "art21-tw-08",
        "关于做好2025年城乡低保动态管理工作的通知",
        "原政〔2025〕12号",
        date(2025, 4, 1),
        [
            "各村（社区）：为确保低保政策精准落实，现就2025年城乡低保动态管理工作通知如下。",
            "一、开展入户核查；二、对收入变化的家庭及时调整保障金额；三、对不再符合条件的按程序退出。",
        ],
        {},
    ),
    (
        "art21-tw-08",
        "2026年1月临时救助发放情况公示",
        "",
        date(2026, 2, 5),
        ["2026年1月全镇发放临时救助资金3.6万元，救助困难群众27户。"],
        {},
    ),
    (
        "art20-02",
        "原店镇人民政府机构职能",
        "",
        date(2024, 1, 15),
        [
            "原店镇人民政府负责本镇经济社会发展、公共服务、社会治理等工作。",
            "办公地址：河南省三门峡市陕州区原店镇政府院内；办公时间：工作日上午8:30-12:00，下午15:00-18:00。",
        ],
        {},
    ),
    (
        "art20-07",
        "原店镇2025年部门预算公开",
        "",
        date(2025, 2, 20),
        ["2025年原店镇一般公共预算支出合计1860.4万元，其中基本支出1320.2万元，项目支出540.2万元。"],
        {},
    ),
    (
        "art20-12",
        "原店镇2025年防汛应急预案",
        "原政〔2025〕15号",
        date(2025, 5, 26),
        [
            "为做好2025年防汛工作，最大限度减少洪涝灾害损失，制定本预案。",
            "镇防汛指挥部下设综合协调、抢险救援、后勤保障三个工作组。",
        ],
        {},
    ),
    (
        "art20-11",
        "原店镇2024年雨露计划补助发放情况公示",
        "",
        date(2024, 10, 14),
        ["2024年秋季学期雨露计划补助共惠及脱贫家庭学生35人，每人补助1500元。"],
        {},
    ),
]

ZHANGWAN = [
    (
        "art20-01",
        "张湾乡村规民约修订指导办法",
        "张政〔2025〕3号",
        date(2025, 2, 18),
        ["为规范村规民约修订工作，制定本办法。", "本办法自2025年3月1日起施行。"],
        {"legal_kind": "normative"},
    ),
    (
        "art20-01",
        "张湾乡农村人居环境整治长效管护办法",
        "张政〔2025〕9号",
        date(2025, 7, 7),
        ["为巩固农村人居环境整治成果，建立长效管护机制，制定本办法。"],
        {"legal_kind": "normative"},
    ),
    (
        "art21-tw-08",
        "张湾乡2025年城乡低保提标公示",
        "",
        date(2025, 7, 1),
        ["自2025年7月起，农村低保标准提高至每人每年5520元。"],
        {},
    ),
]


def _chart_png() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 280), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 479, 279], outline=(163, 23, 27), width=3)
    for i, h in enumerate([120, 180, 90, 210]):
        d.rectangle([60 + i * 100, 250 - h, 120 + i * 100, 250], fill=(163, 23, 27))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _publish(pub, users, on: date):
    clerk, reviewer, head = users["yd_clerk"], users["yd_reviewer"], users["yd_head"]
    org_users = users
    services.submit(publication=pub, by=clerk)
    services.pre_review(
        publication=pub, by=reviewer, checklist=dict.fromkeys(services.CHECKLIST_KEYS, True), approve=True
    )
    for role in services.settings_for(pub.organization).rounds():
        services.review(publication=pub, by=reviewer if role == "reviewer" else head, approve=True)
    at = timezone.make_aware(datetime.combine(on, time(9, 30)))
    return services.publish(publication=pub, by=org_users["yd_clerk"], now=at)


def _node(code, org):
    return CatalogueNode.objects.get(organization=None, code=code)


def _make(org, clerk, code, title, number, formed, paragraphs, extra):
    existing = Publication.objects.filter(organization=org, title=title).first()
    if existing:
        return existing, False
    data = {
        "title": title,
        "issuing_authority": org.name,
        "document_number": number,
        "written_on": formed,
        "formed_on": formed,
        "genre": "notice" if "通知" in title else ("announcement" if "公告" in title or "公示" in title else "other"),
        "topic": "农业、林业、水利" if code.startswith("art21-tw-0") and code[-1] in "123" else "民政、扶贫、救灾",
        "node": _node(code, org),
        "body": _body(*paragraphs),
        "disclosure": "proactive",
        **extra,
    }
    if data.get("legal_kind") == "normative":
        data["genre"] = "measures"
        data["effective_on"] = formed + timedelta(days=14)
    return services.create_publication(organization=org, by=clerk, data=data), True


def load(ctx):
    ensure_standard_nodes(CatalogueNode)  # a flushed test database has lost the migration's rows
    orgs, users = ctx["orgs"], ctx["users"]
    yd, zw = orgs["yuandian"], orgs["zhangwan"]
    today = timezone.localdate()
    published = {}
    for code, title, number, formed, paragraphs, extra in YUANDIAN:
        pub, new = _make(yd, users["yd_clerk"], code, title, number, formed, paragraphs, extra)
        if new:
            _publish(pub, users, formed + timedelta(days=3))
        published[title] = pub

    zw_users = {"yd_clerk": users["zw_clerk"], "yd_reviewer": users["zw_reviewer"], "yd_head": users["zw_head"]}
    for code, title, number, formed, paragraphs, extra in ZHANGWAN:
        pub, new = _make(zw, users["zw_clerk"], code, title, number, formed, paragraphs, extra)
        if new:
            _publish(pub, zw_users, formed + timedelta(days=2))
            if title.startswith("张湾乡村规民约"):
                services.repeal(publication=pub, by=users["zw_head"], on=date(2026, 3, 1), reason="已被新办法替代")

    # 政策解读: text and 图解, linked to the policy they explain.
    policy = published["关于做好2025年城乡低保动态管理工作的通知"]
    for title, kind, paragraphs in [
        ("《关于做好2025年城乡低保动态管理工作的通知》政策解读", "text",
         ["一、出台背景：落实社会救助政策，做到应保尽保、应退尽退。", "二、主要内容：入户核查、动态调整、按程序退出。",
          "三、咨询方式：镇民政所，电话0398-3851001。"]),
        ("图解：2025年城乡低保动态管理怎么做", "graphic", ["一图读懂低保动态管理的三个步骤。"]),
    ]:  # fmt: skip
        pub, new = _make(
            yd, users["yd_clerk"], "art21-tw-08", title, "", date(2025, 4, 3), paragraphs,
            {"interprets": policy, "interpretation_kind": kind, "genre": "interpretation"},
        )  # fmt: skip
        if new:
            if kind == "graphic":
                services.add_attachment(
                    publication=pub, by=users["yd_clerk"], upload=SimpleUploadedFile("图解.png", _chart_png()),
                    role=Attachment.Role.GRAPHIC,
                )  # fmt: skip
            _publish(pub, users, date(2025, 4, 7))

    # Work in progress: an overdue draft, one in review, one returned with comments, one scheduled.
    overdue, new = _make(
        yd, users["yd_clerk"], "art21-tw-04", "2025年第四批农村宅基地使用情况审核结果公示", "", today - timedelta(days=60),
        ["本批次受理宅基地申请5户（草稿）。"], {},
    )  # fmt: skip
    in_review, new = _make(
        yd, users["yd_clerk"], "art21-tw-07", "原店镇2026年一事一议筹资筹劳方案", "", today - timedelta(days=5),
        ["拟在3个村开展一事一议筹资筹劳。"], {},
    )  # fmt: skip
    if new:
        services.submit(publication=in_review, by=users["yd_clerk"])
        services.pre_review(
            publication=in_review, by=users["yd_reviewer"], checklist=dict.fromkeys(services.CHECKLIST_KEYS, True),
            approve=True,
        )  # fmt: skip
    returned, new = _make(
        yd, users["yd_clerk"], "art21-tw-05", "关于西沟村集体土地征收的预公告", "", today - timedelta(days=3),
        ["拟征收西沟村集体土地。"], {},
    )  # fmt: skip
    if new:
        services.submit(publication=returned, by=users["yd_clerk"])
        services.pre_review(
            publication=returned, by=users["yd_reviewer"], checklist=dict.fromkeys(services.CHECKLIST_KEYS, True),
            approve=False, comments="请补充征收范围、土地现状和拟安置方式（土地管理法 第四十七条）。",
        )  # fmt: skip
    scheduled, new = _make(
        yd, users["yd_clerk"], "art20-07", "原店镇2026年部门预算公开", "", today - timedelta(days=2),
        ["2026年原店镇一般公共预算支出合计1912.7万元。"], {},
    )  # fmt: skip
    if new:
        services.submit(publication=scheduled, by=users["yd_clerk"])
        services.pre_review(
            publication=scheduled, by=users["yd_reviewer"], checklist=dict.fromkeys(services.CHECKLIST_KEYS, True),
            approve=True,
        )  # fmt: skip
        services.review(publication=scheduled, by=users["yd_reviewer"], approve=True)
        services.review(publication=scheduled, by=users["yd_head"], approve=True)
        at = timezone.make_aware(datetime.combine(today + timedelta(days=3), time(9, 0)))
        services.schedule(publication=scheduled, by=users["yd_clerk"], at=at)

    # Yearly figures (表二 第（五）（六）（八）项): the seed report says all 0 for 2024.
    services.set_yearly_figures(
        organization=yd, by=users["yd_clerk"], year=2024,
        values={"licensing": 0, "penalty": 0, "enforcement": 0, "fees_wan_yuan": Decimal("0")}, note="据2024年度报告",
    )  # fmt: skip
    services.set_yearly_figures(
        organization=yd, by=users["yd_clerk"], year=2025,
        values={"licensing": 14, "penalty": 3, "enforcement": 0, "fees_wan_yuan": Decimal("0")},
    )  # fmt: skip
    services.set_yearly_figures(
        organization=zw, by=users["zw_clerk"], year=2025,
        values={"licensing": 9, "penalty": 1, "enforcement": 1, "fees_wan_yuan": Decimal("0.35")},
    )  # fmt: skip
    if not CatalogueNode.objects.filter(organization=yd, code="own-notices").exists():
        services.add_catalogue_node(organization=yd, by=users["yd_clerk"], name="通知公告", code="own-notices")
    ctx["publications"] = {"policy": policy, "overdue_draft": overdue}
