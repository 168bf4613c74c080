"""Demo data for the cases app (idempotent): cases, complaints, ratings, 督办, 通报, work plans, ledger, new media.

原店镇 2024 matches the seed report: no 复议/诉讼 cases (table 四 all 0) and "无政务新媒体".
"""

from datetime import date, timedelta

from django.utils import timezone

from . import services
from .models import (
    Bulletin,
    Case,
    CheckResult,
    Complaint,
    NewMediaAccount,
    NewMediaCheck,
    Rating,
    TaskStatus,
    Urging,
    WorkLog,
    WorkPlan,
)

DEMO_MARK = "（演示数据）"


def _cases(orgs, by):
    rows = [
        (
            orgs["zhangwan"],
            {
                "kind": "reconsideration",
                "number": "陕政复〔2024〕12号",
                "authority": "三门峡市陕州区人民政府",
                "applicant": "赵某",
                "subject": "请求撤销张湾乡人民政府作出的不予公开答复",
                "filed_on": date(2024, 5, 8),
                "copy_received_on": date(2024, 5, 10),
                "replied_on": date(2024, 5, 20),
                "decision_type": "uphold",
                "decided_on": date(2024, 7, 1),
            },
        ),
        (
            orgs["zhangwan"],
            {
                "kind": "litigation",
                "route": "direct",
                "number": "（2024）豫1203行初45号",
                "authority": "三门峡市陕州区人民法院",
                "applicant": "钱某",
                "subject": "请求确认未依法答复政府信息公开申请违法",
                "filed_on": date(2024, 11, 4),
                "copy_received_on": date(2024, 11, 6),
                "replied_on": date(2024, 11, 18),
            },
        ),
        (
            orgs["szzrzy"],
            {
                "kind": "reconsideration",
                "number": "陕政复〔2024〕20号",
                "authority": "三门峡市陕州区人民政府",
                "applicant": "孙某",
                "filed_on": date(2024, 8, 12),
                "copy_received_on": date(2024, 8, 13),
                "replied_on": date(2024, 8, 23),
                "decision_type": "order_performance",
                "decided_on": date(2024, 10, 9),
            },
        ),
        (
            orgs["szzrzy"],
            {
                "kind": "litigation",
                "route": "after_reconsideration",
                "number": "（2024）豫1203行初61号",
                "authority": "三门峡市陕州区人民法院",
                "applicant": "孙某",
                "filed_on": date(2024, 10, 28),
                "copy_received_on": date(2024, 10, 30),
                "replied_on": date(2024, 11, 12),
                "decision_type": "reject_claims",
                "decided_on": date(2024, 12, 20),
            },
        ),
    ]
    today = timezone.localdate()
    rows.append(
        (
            orgs["yuandian"],
            {
                "kind": "reconsideration",
                "number": f"陕政复〔{today.year}〕31号",
                "authority": "三门峡市陕州区人民政府",
                "applicant": "周某",
                "subject": "请求撤销原店镇人民政府作出的政府信息不存在答复",
                "filed_on": today - timedelta(days=6),
                "copy_received_on": today - timedelta(days=3),
            },
        )
    )
    for org, data in rows:
        if Case.objects.filter(organization=org, number=data["number"]).exists():
            continue
        data = {"route": "", "procedure": "ordinary" if data["kind"] == "reconsideration" else "", **data}
        data["note"] = DEMO_MARK
        services.create_case(organization=org, data=data, by=by)


def _complaints(orgs, users):
    if Complaint.objects.filter(content__endswith=DEMO_MARK).exists():
        return
    today = timezone.localdate()
    sup = users["sz_supervisor"]
    c1, _code = services.register_complaint(
        subject_organization=orgs["yuandian"],
        category="not_proactive",
        content="原店镇农村土地承包经营权流转情况未按要求主动公开。" + DEMO_MARK,
        complainant_name="吴某",
        complainant_phone="13700000001",
        complainant_email="wumou@example.com",
        received_on=today - timedelta(days=20),
        by=None,
    )
    services.record_finding(
        c1,
        finding="founded",
        measure="rectification",
        note="经查，原店镇2026年第三季度土地流转信息未在20个工作日内公开。",
        by=sup,
        today=today - timedelta(days=12),
    )
    services.reply_to_complaint(
        c1,
        text="经查证，您反映的问题属实，已督促原店镇人民政府整改并限期公开相关信息。",
        by=sup,
        today=today - timedelta(days=10),
    )
    services.register_complaint(
        subject_organization=orgs["zhangwan"],
        category="application",
        kind="report",
        channel="letter",
        content="张湾乡对我的政府信息公开申请逾期未答复。" + DEMO_MARK,
        complainant_name="郑某",
        complainant_address="河南省三门峡市陕州区张湾乡某村",
        received_on=today - timedelta(days=2),
        by=sup,
    )
    c3, _code = services.register_complaint(
        subject_organization=orgs["dayang"],
        category="application",
        content="大营镇答复内容不完整。" + DEMO_MARK,
        complainant_name="冯某",
        complainant_phone="13700000003",
        received_on=today - timedelta(days=30),
        by=None,
    )
    services.record_finding(
        c3,
        finding="unfounded",
        measure="",
        note="经查，大营镇已依法作出部分公开答复并说明理由。",
        by=sup,
        today=today - timedelta(days=25),
    )


def _applications(orgs):
    """An overdue application of 原店镇 for the desk, and closed ones to rate (if the applications app has none)."""
    try:
        from gongkai.applications.models import Application
        from gongkai.applications.testing import make_application
        from gongkai.applications.workflow import TERMINAL
    except ImportError:
        return
    today = timezone.localdate()
    yd = orgs["yuandian"]
    if not Application.objects.filter(organization=yd).overdue(today).exists():
        make_application(
            yd, today=today - timedelta(days=45), description="原店镇2025年度高标准农田建设项目验收材料" + DEMO_MARK
        )
    closed = list(Application.objects.filter(status__in=list(TERMINAL))[:4])
    if not closed:
        from gongkai.applications import services as app_services

        for org in (yd, orgs["zhangwan"]):
            app, _code = make_application(
                org, today=today - timedelta(days=30), description="村级财务公开情况" + DEMO_MARK
            )
            app_services.withdraw(
                app, reason="申请人已通过其他途径获取", by=None, version=app.version, today=today - timedelta(days=20)
            )
        closed = list(Application.objects.filter(status__in=list(TERMINAL))[:4])
    scores = [
        ("satisfied", "答复及时，内容清楚。"),
        ("basic", ""),
        ("unsatisfied", "希望提供电子版。"),
        ("satisfied", ""),
    ]
    for app, (score, comment) in zip(closed, scores, strict=False):
        if not Rating.objects.filter(application=app).exists():
            services.rate_application(application=app, score=score, comment=comment, today=today - timedelta(days=5))


def _urgings(orgs, users):
    if Urging.objects.filter(reason__endswith=DEMO_MARK).exists():
        return
    today = timezone.localdate()
    sup = users["sz_supervisor"]
    u1 = services.issue_urging(
        organization=orgs["zhangwan"],
        subject="更新政府信息公开指南",
        reason="你乡政府信息公开指南中的办公地址、联系电话已过时，请更新。" + DEMO_MARK,
        due_on=today + timedelta(days=1),
        by=sup,
        today=today - timedelta(days=9),
    )
    services.reply_urging(
        u1, text="已更新公开指南并在网站发布。", by=users["zw_clerk"], today=today - timedelta(days=6)
    )
    services.confirm_urging(u1, accept=True, note="经核实，已整改到位。", by=sup, today=today - timedelta(days=5))
    services.issue_urging(
        organization=orgs["yuandian"],
        subject="土地流转信息逾期未公开（投诉举报查证属实）",
        reason="请于期限内在政府网站公开2026年第三季度农村土地承包经营权流转情况，并反馈整改情况。" + DEMO_MARK,
        due_on=today + timedelta(days=7),
        complaint=Complaint.objects.filter(subject_organization=orgs["yuandian"], finding="founded").first(),
        by=sup,
        today=today - timedelta(days=3),
    )


def _bulletin(orgs, users):
    if Bulletin.objects.filter(organization=orgs["shanzhou"]).exists():
        return
    from .selectors import desk

    today = timezone.localdate()
    d = desk(orgs["shanzhou"], today)
    # The reports app loads its demo after this one: leave its (not yet loaded) report figures out.
    items = [(row.org, [p for p in row.problems() if "年度报告" not in p]) for row in d.rows]
    items = [(org, problems) for org, problems in items if problems]
    services.create_bulletin(
        organization=orgs["shanzhou"],
        title=f"关于{today.year}年第三季度政务公开工作情况的通报",
        issued_on=today - timedelta(days=1),
        intro="根据《中华人民共和国政府信息公开条例》第四十七条，现将各单位政务公开工作检查情况通报如下：",
        closing="请有关单位于10个工作日内完成整改，并将整改情况报区政务公开办。",
        items=items,
        by=users["sz_supervisor"],
    )


def _plans(orgs, users):
    sz = orgs["shanzhou"]
    towns = [orgs["yuandian"], orgs["zhangwan"], orgs["dayang"]]
    by = users["sz_supervisor"]
    for year, source in [
        (2024, "河南省2024年政务公开工作要点"),
        (timezone.localdate().year, f"河南省{timezone.localdate().year}年政务公开工作要点"),
    ]:
        if WorkPlan.objects.filter(organization=sz, year=year).exists():
            continue
        plan = services.create_plan(
            organization=sz, year=year, title=f"陕州区{year}年政务公开工作要点任务分解", source=source, by=by
        )
        for title, description, due in [
            ("更新政府信息公开指南和目录", "按条例第十二条要求及时更新公开指南、公开目录。", date(year, 3, 31)),
            ("推进基层政务公开标准化规范化", "完善乡镇主动公开事项清单。", date(year, 6, 30)),
            ("开展政务新媒体排查整治", "对本单位政务新媒体逐一排查，无政务新媒体的如实报告。", date(year, 10, 31)),
        ]:
            services.add_task(plan, title=title, description=description, due_on=due, assignees=towns, by=by)
        if year == 2024:
            for a in plan.tasks.first().assignments.all():
                services.update_assignment(
                    a,
                    status=TaskStatus.DONE,
                    evidence="已在陕州区政府网站更新公开指南。",
                    evidence_url="",
                    completed_on=date(2024, 3, 20),
                    by=by,
                    today=date(2024, 3, 20),
                )
            for a in plan.tasks.all()[2].assignments.all():
                services.update_assignment(
                    a,
                    status=TaskStatus.DONE,
                    evidence="已完成排查，结果已录入政务新媒体登记。",
                    evidence_url="",
                    completed_on=date(2024, 9, 30),
                    by=by,
                    today=date(2024, 9, 30),
                )


def _ledger(orgs):
    yd = orgs["yuandian"]
    rows = [
        (yd, "meeting", date(2024, 3, 5), "原店镇政务公开工作领导小组会议", 9, "研究部署2024年政务公开工作要点。"),
        (yd, "training", date(2024, 4, 18), "政务公开业务培训会", 23, "以老带新，学习《政府信息公开条例》和公开指南。"),
        (
            yd,
            "self_inspection",
            date(2024, 11, 12),
            "政务公开工作自查自纠",
            None,
            "对主动公开时限、公开指南进行自查，发现问题已整改。",
        ),
        (orgs["zhangwan"], "training", date(2024, 6, 6), "依申请公开办理培训", 15, ""),
        (orgs["shanzhou"], "inspection", date(2024, 9, 10), "全区政务公开第三季度检查", 12, "检查各乡镇公开专栏。"),
    ]
    for org, kind, held_on, title, participants, summary in rows:
        if not WorkLog.objects.filter(organization=org, title=title, held_on=held_on).exists():
            services.log_work(
                organization=org,
                kind=kind,
                held_on=held_on,
                title=title,
                participants=participants,
                summary=summary,
                by=None,
            )


def _new_media(orgs):
    zw, sz = orgs["zhangwan"], orgs["shanzhou"]
    for org, platform, name, operator, opened in [
        (zw, "wechat", "张湾乡发布", "张湾乡党政办公室", date(2019, 3, 1)),
        (sz, "wechat", "陕州发布", "陕州区融媒体中心", date(2016, 5, 1)),
        (sz, "douyin", "陕州融媒", "陕州区融媒体中心", date(2020, 8, 1)),
    ]:
        if not NewMediaAccount.objects.filter(organization=org, name=name).exists():
            services.save_account(
                organization=org,
                data={
                    "platform": platform,
                    "name": name,
                    "operator": operator,
                    "status": "active",
                    "opened_on": opened,
                },
                by=None,
            )
    for org, result in [(orgs["yuandian"], CheckResult.NONE), (zw, CheckResult.COMPLIANT), (sz, CheckResult.COMPLIANT)]:
        if not NewMediaCheck.objects.filter(organization=org, year=2024).exists():
            services.record_check(
                organization=org,
                year=2024,
                checked_on=date(2024, 9, 25),
                result=result,
                problems="",
                rectification="",
                by=None,
            )


def load(ctx):
    orgs, users = ctx["orgs"], ctx["users"]
    _cases(orgs, None)
    _complaints(orgs, users)
    _applications(orgs)
    _urgings(orgs, users)
    _plans(orgs, users)
    _ledger(orgs)
    _new_media(orgs)
    _bulletin(orgs, users)
