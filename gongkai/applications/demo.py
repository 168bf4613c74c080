"""Demo applications (idempotent).

* 原店镇 2025 and 2026: one application concluded with every result category of table 三, spread over the
  six applicant types; one received in late 2025 and answered in January 2026 (carried over); and, received
  recently, one in every open state — including one overdue (for the supervisor desk) and one due soon;
* 张湾乡 2024: every result category, plus one carried over into 2025;
* 原店镇 2024: none (its published report says 0).
"""

from datetime import date, timedelta

from django.utils import timezone

from . import categories, clockwork, idcheck, letters, services
from .models import Application

TYPES = ["natural", "commercial", "research", "welfare", "legal", "other"]
NAMES = {
    "natural": ["李建国", "王秀英", "赵志强", "刘芳", "陈磊", "杨梅"],
    "commercial": ["三门峡宏达建材有限公司", "陕州区绿源农业开发有限公司"],
    "research": ["河南省农村发展研究所"],
    "welfare": ["三门峡市乡村振兴公益促进会"],
    "legal": ["河南明德律师事务所"],
    "other": ["原店村股份经济合作社"],
}
TOPICS = [
    "原店镇2025年度高标准农田建设项目的招标文件和验收报告",
    "本村宅基地使用审核情况及审批结果",
    "原店镇农村土地承包经营权流转情况统计",
    "镇政府2025年部门预算和决算",
    "原店村道路硬化工程资金使用明细",
    "本镇社会救助（低保）对象名单及标准",
    "原店镇征地补偿标准和补偿款发放情况",
    "镇政府关于人居环境整治的会议纪要",
    "农田水利工程建设运营情况",
    "镇政府内部人事任免文件",
    "本人房屋征收补偿协议及评估报告",
    "2024年度筹资筹劳情况",
]


def _person(i: int, kind: str) -> dict:
    names = NAMES[kind]
    name = names[i % len(names)]
    if kind == "natural":
        body = f"41122419{80 + i % 15:02d}0{1 + i % 9}1{i % 10}{(i * 7) % 1000:03d}"
        body = body[:17]
        total = sum(int(c) * w for c, w in zip(body, idcheck.ID_WEIGHTS, strict=True))
        id_type, id_number = "resident_id", body + idcheck.ID_CHECK[total % 11]
    else:
        body = f"9141120{(i * 37) % 10}MA{(i * 7919) % 10**8:08d}"[:17]
        id_type, id_number = "uscc", body + idcheck.uscc_check_char(body)
    return {
        "applicant_type": kind,
        "applicant_name": name,
        "contact_person": "" if kind == "natural" else "张经办",
        "id_type": id_type,
        "id_number": id_number,
        "phone": f"1390398{i % 10000:04d}",
        "email": "",  # demo: no mail goes out
        "address": "河南省三门峡市陕州区原店镇",
        "postal_code": "472100",
        "description": TOPICS[i % len(TOPICS)],
        "purpose": "",
        "preferred_form": "paper",
        "delivery": "pickup",
    }


class Demo:
    def __init__(self, org, users, prefix):
        self.org = org
        self.clerk = users[f"{prefix}_clerk"]
        self.reviewer = users[f"{prefix}_reviewer"]
        self.head = users[f"{prefix}_head"]
        self.i = 0

    def new(self, on: date, *, channel="in_person", kind=None, description=None) -> Application:
        self.i += 1
        data = _person(self.i, kind or TYPES[self.i % len(TYPES)])
        if description:
            data["description"] = description
        extra = {"signed_on": on} if channel == "post_signed" else {}
        app, _code = services.register(
            organization=self.org,
            data=data,
            files=[],
            channel=channel,
            submitted_on=on,
            by=self.clerk,
            today=on,
            **extra,
        )
        return app

    def fresh(self, app):
        return Application.objects.get(pk=app.pk)

    def answer(self, app, category: str, on: date):
        cat = categories.get(category)
        kw = {"reasons": "", "access_instructions": ""}
        if cat.reasons_required:
            kw["reasons"] = {
                "partial": "其中涉及个人信息的部分不予公开，其余部分予以公开。",
                "declined.repeat": "本机关已于此前就相同内容作出答复。",
                "declined.petition": "该申请属于投诉举报，请通过信访渠道反映。",
            }.get(category, f"经审查，{cat.label}。")
        if cat.access_required:
            kw["access_instructions"] = "请于收到本答复书之日起10个工作日内到原店镇党政办公室领取纸质件。"
        if category == "partial":
            kw["partial_withheld_category"] = "withheld.third_party"
        services.draft_decision(app, category=category, by=self.clerk, version=app.version, today=on, **kw)
        app = self.fresh(app)
        services.review_decision(app, approve=True, comments="", by=self.reviewer, version=app.version, today=on)
        return self.fresh(app)

    def concluded(self, category: str, received: date, done: date):
        app = self.new(received, channel="post_signed" if category.startswith("unable") else "in_person")
        if category == "other.no_correction":
            services.request_correction(
                app,
                items="请写明所需信息的具体名称或文号。",
                respond_by=received + timedelta(days=10),
                by=self.clerk,
                version=app.version,
                today=received + timedelta(days=2),
            )
            services.lapse_correction(self.fresh(app), today=received + timedelta(days=14))
        elif category == "other.unpaid_fee":
            services.issue_fee_notice(
                app,
                method="per_page",
                pages=120,
                by=self.clerk,
                version=app.version,
                today=received + timedelta(days=2),
            )
            req = self.fresh(app).requests.get()
            services.lapse_fee(self.fresh(app), today=req.respond_by + timedelta(days=1))
        elif category == "other.other":
            services.withdraw(app, reason="申请人书面撤回申请。", by=self.clerk, version=app.version, today=done)
        else:
            if category == "partial":
                services.start_consultation(
                    app,
                    kind="third_party",
                    party="三门峡宏达建材有限公司",
                    party_address="陕州区",
                    matter="合同中的报价明细",
                    by=self.clerk,
                    version=app.version,
                    today=received + timedelta(days=1),
                )
                c = self.fresh(app).consultations.get()
                services.record_consultation_answer(
                    c,
                    outcome="objects",
                    opinion="涉及商业秘密，不同意公开。",
                    answered_on=received + timedelta(days=6),
                    by=self.clerk,
                    version=self.fresh(app).version,
                    today=received + timedelta(days=6),
                )
            self.answer(self.fresh(app), category, done)

    def year_of_results(self, year: int):
        for n, cat in enumerate(categories.CATEGORIES):
            received = date(year, 1 + n % 10, 6 + n % 15)
            self.concluded(cat.id, received, received + timedelta(days=12))


def _open_states(d: Demo, today: date):
    from gongkai.workdays.services import get_calendar

    cal = get_calendar()

    def back(n):  # n working days before today
        day = today
        while n:
            day -= timedelta(days=1)
            if cal.is_working_day(day):
                n -= 1
        return day

    d.new(today, channel="online", kind="natural", description="原店镇2026年第四季度农村土地承包经营权流转情况")
    d.new(back(18), kind="commercial", description="原店镇2026年度道路养护项目的中标结果")  # due within 3 working days
    d.new(back(28), kind="natural", description="原店镇2026年高标准农田建设项目验收材料")  # overdue
    app = d.new(back(4), channel="post_signed", kind="research")
    services.request_correction(
        app,
        items="请写明所需会议纪要的会议名称或日期。",
        respond_by=today + timedelta(days=10),
        by=d.clerk,
        version=app.version,
        today=back(2),
    )
    app = d.new(back(3), kind="natural")
    services.request_explanation(
        app,
        text="您本月已提交多件申请，请说明申请用途和理由。",
        respond_by=today + timedelta(days=10),
        by=d.clerk,
        version=app.version,
        today=back(1),
    )
    app = d.new(back(6), kind="legal")
    services.start_consultation(
        app,
        kind="third_party",
        party="陕州区绿源农业开发有限公司",
        party_address="陕州区",
        matter="土地流转合同中的租金条款",
        by=d.clerk,
        version=app.version,
        today=back(2),
    )
    # The third party objected; the agency decides to disclose in the public interest and tells it so (第三十二条).
    app = d.new(back(9), kind="legal")
    services.start_consultation(
        app,
        kind="third_party",
        party="陕州区顺达运输有限公司",
        party_address="陕州区",
        matter="道路运输补贴发放名单中的补贴金额",
        by=d.clerk,
        version=app.version,
        today=back(8),
    )
    services.record_consultation_answer(
        d.fresh(app).consultations.get(),
        outcome="objects",
        opinion="补贴金额属于企业经营信息，不同意公开。",
        answered_on=back(4),
        by=d.clerk,
        version=d.fresh(app).version,
        today=back(4),
    )
    services.notify_third_party_of_disclosure(
        d.fresh(app).consultations.get(),
        content="2025年度道路运输补贴发放名单中本企业的补贴金额",
        reasons="补贴资金来源于财政资金，公开补贴金额便于社会监督，不公开可能对公共利益造成重大影响。",
        by=d.clerk,
        version=d.fresh(app).version,
        today=back(3),
    )
    # Withdrawn online by the applicant on the status page.
    app = d.new(back(4), channel="online", kind="natural")
    services.withdraw(
        app, reason="已通过其他途径获取所需信息。", by=None, version=app.version, today=back(1), online=True
    )
    app = d.new(back(5), kind="welfare")
    services.issue_fee_notice(app, method="per_page", pages=150, by=d.clerk, version=app.version, today=back(1))
    app = d.new(back(10), kind="other")
    services.draft_decision(
        app,
        category="granted",
        access_instructions="以纸质件方式提供，请到党政办公室领取。",
        by=d.clerk,
        version=app.version,
        today=back(1),
    )
    app = d.new(back(12), kind="commercial")
    services.request_extension(
        app, days=15, reason="所需信息涉及多个村，需要汇总核实", by=d.clerk, version=app.version, today=back(1)
    )
    services.assign(d.fresh(app), assignee=d.clerk, by=d.head, version=d.fresh(app).version, today=today)


def load(ctx):
    orgs, users = ctx["orgs"], ctx["users"]
    yd = orgs["yuandian"]
    if Application.objects.filter(organization=yd, received_on__year=2025).exists():
        return
    today = timezone.localdate()
    with letters.deferred_files():
        zw = Demo(orgs["zhangwan"], users, "zw")
        zw.year_of_results(2024)
        app = zw.new(date(2024, 12, 23))  # carried over into 2025
        zw.answer(app, "granted", date(2025, 1, 10))

        d = Demo(yd, users, "yd")
        d.year_of_results(2025)
        app = d.new(date(2025, 12, 22), kind="natural")  # carried over into 2026
        d.answer(app, "granted", date(2026, 1, 12))
        d.year_of_results(2026)
        _open_states(d, today)
    for app in Application.objects.open():
        clockwork.recompute(app, today=today)
    ctx["applications"] = {"yuandian_overdue": Application.objects.overdue(today).filter(organization=yd).first()}
