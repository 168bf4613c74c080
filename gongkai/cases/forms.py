from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.organizations.models import Organization

from .models import (
    APPEAL_DECISIONS,
    FIRST_INSTANCE_DECISIONS,
    RECONSIDERATION_DECISIONS,
    Case,
    CaseKind,
    Channel,
    CheckResult,
    ComplaintCategory,
    ComplaintKind,
    Finding,
    LogKind,
    Measure,
    NewMediaAccount,
    Procedure,
    Route,
    Score,
    TaskStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(values, blank=True):
    out = [(v.value, v.label) for v in values]
    return [("", "---------"), *out] if blank else out


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=CaseKind.choices)
    route = forms.ChoiceField(
        label=_("起诉方式（行政诉讼）"), choices=[("", "---------"), *Route.choices], required=False
    )
    procedure = forms.ChoiceField(label=_("复议程序"), choices=Procedure.choices, required=False)
    number = forms.CharField(label=_("案号"), max_length=100, required=False)
    authority = forms.CharField(label=_("复议机关/受理法院"), max_length=100)
    applicant = forms.CharField(label=_("申请人/原告"), max_length=100)
    application_number = forms.CharField(
        label=_("涉及的申请编号"), max_length=40, required=False, help_text=_("案件因某件政府信息公开申请引起时填写")
    )
    subject = forms.CharField(label=_("请求事项"), widget=forms.Textarea, required=False)
    filed_on = forms.DateField(label=_("受理/立案日期"), widget=DATE, help_text=_("年度报告按此日期所在年度统计"))
    copy_received_on = forms.DateField(
        label=_("收到申请书/起诉状副本日期"),
        widget=DATE,
        required=False,
        help_text=_("复议：自次日起10个工作日内书面答复；诉讼：15日内提交答辩状"),
    )
    replied_on = forms.DateField(label=_("提交答复/答辩状日期"), widget=DATE, required=False)
    decision_type = forms.ChoiceField(
        label=_("复议决定/一审结果"),
        choices=[("", "---------")]
        + [(d.value, d.label) for d in RECONSIDERATION_DECISIONS]
        + [(d.value, f"{d.label}（诉讼）") for d in FIRST_INSTANCE_DECISIONS if d not in RECONSIDERATION_DECISIONS],
        required=False,
    )
    decided_on = forms.DateField(label=_("决定/一审裁判日期"), widget=DATE, required=False)
    appeal_filed_on = forms.DateField(label=_("上诉日期"), widget=DATE, required=False)
    appeal_decision = forms.ChoiceField(label=_("二审结果"), choices=_choices(APPEAL_DECISIONS), required=False)
    appeal_decided_on = forms.DateField(label=_("二审裁判日期"), widget=DATE, required=False)
    reconsideration = forms.ModelChoiceField(
        label=_("此前的行政复议案件（复议后起诉）"), queryset=Case.objects.none(), required=False, empty_label=_("无")
    )
    note = forms.CharField(label=_("备注"), widget=forms.Textarea, required=False)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            self.fields["reconsideration"].queryset = Case.objects.filter(
                organization=organization, kind=CaseKind.RECONSIDERATION
            )

    def clean(self):
        data = super().clean()
        kind, decision = data.get("kind"), data.get("decision_type")
        if kind == CaseKind.RECONSIDERATION and decision and decision not in RECONSIDERATION_DECISIONS:
            self.add_error("decision_type", _("该结果不是行政复议决定类型。"))
        if kind == CaseKind.LITIGATION and decision and decision not in FIRST_INSTANCE_DECISIONS:
            self.add_error("decision_type", _("该结果不是行政诉讼一审裁判类型。"))
        if kind == CaseKind.RECONSIDERATION and not data.get("procedure"):
            data["procedure"] = Procedure.ORDINARY
        if kind == CaseKind.LITIGATION:
            data["procedure"] = ""
        return data

    def model_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("application_number", None)
        for key in ("route", "procedure", "decision_type", "appeal_decision"):
            data[key] = data.get(key) or ""
        return data


class ComplaintForm(forms.Form):
    subject_organization = forms.ModelChoiceField(
        label=_("被投诉举报的机关"),
        queryset=Organization.objects.filter(is_active=True).order_by("path"),
        empty_label=_("请选择机关"),
    )
    kind = forms.ChoiceField(label=_("类型"), choices=ComplaintKind.choices)
    category = forms.ChoiceField(label=_("事由"), choices=ComplaintCategory.choices)
    content = forms.CharField(label=_("具体内容"), widget=forms.Textarea, max_length=5000)
    application_number = forms.CharField(label=_("相关申请编号（如有）"), max_length=40, required=False)
    complainant_name = forms.CharField(label=_("姓名/名称"), max_length=100)
    complainant_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    complainant_email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("答复将发送到此邮箱"))
    complainant_address = forms.CharField(label=_("通信地址"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if (
            not data.get("complainant_phone")
            and not data.get("complainant_email")
            and not data.get("complainant_address")
        ):
            raise forms.ValidationError(_("请至少留下一种联系方式（电话、电子邮箱或通信地址），以便答复。"))
        return data


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    received_on = forms.DateField(label=_("收到日期"), widget=DATE)


class FindingForm(forms.Form):
    finding = forms.ChoiceField(label=_("查证结论"), choices=Finding.choices, widget=forms.RadioSelect)
    measure = forms.ChoiceField(
        label=_("处理措施（查证属实的）"), choices=[("", "---------"), *Measure.choices], required=False
    )
    note = forms.CharField(label=_("查证情况"), widget=forms.Textarea)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea)


class LookupForm(forms.Form):
    number = forms.CharField(label=_("编号"), max_length=40)
    code = forms.CharField(label=_("查询码"), max_length=20)


class UrgingForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("被督办机关"), queryset=Organization.objects.none(), empty_label=_("请选择机关")
    )
    subject = forms.CharField(label=_("督办事项"), max_length=200)
    reason = forms.CharField(label=_("督办理由与要求"), widget=forms.Textarea)
    due_on = forms.DateField(label=_("办理期限"), widget=DATE)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations


class UrgingReplyForm(forms.Form):
    text = forms.CharField(label=_("办理情况"), widget=forms.Textarea)


class UrgingConfirmForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("确认"),
        choices=[("1", _("确认办结")), ("0", _("退回重办"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("意见"), widget=forms.Textarea, required=False)


class BulletinForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    issued_on = forms.DateField(label=_("通报日期"), widget=DATE)
    intro = forms.CharField(label=_("导语"), widget=forms.Textarea, required=False)
    closing = forms.CharField(label=_("工作要求"), widget=forms.Textarea, required=False)


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=200)
    source = forms.CharField(label=_("来源文件"), max_length=200, required=False)


class TaskForm(forms.Form):
    title = forms.CharField(label=_("任务"), max_length=200)
    description = forms.CharField(label=_("要求"), widget=forms.Textarea, required=False)
    due_on = forms.DateField(label=_("完成时限"), widget=DATE, required=False)
    assignees = forms.ModelMultipleChoiceField(
        label=_("承办机关"), queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["assignees"].queryset = organizations


class AssignmentForm(forms.Form):
    status = forms.ChoiceField(label=_("进展"), choices=TaskStatus.choices)
    evidence = forms.CharField(label=_("完成情况与佐证"), widget=forms.Textarea, required=False)
    evidence_url = forms.URLField(label=_("佐证链接"), required=False)
    completed_on = forms.DateField(label=_("完成日期"), widget=DATE, required=False)


class WorkLogForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=LogKind.choices)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    title = forms.CharField(label=_("名称"), max_length=200)
    participants = forms.IntegerField(label=_("参加人数"), min_value=0, required=False)
    summary = forms.CharField(label=_("内容摘要"), widget=forms.Textarea, required=False)


class AccountForm(forms.ModelForm):
    class Meta:
        model = NewMediaAccount
        fields = ["platform", "name", "operator", "status", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DATE, "closed_on": DATE}


class CheckForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008, max_value=2100)
    checked_on = forms.DateField(label=_("排查日期"), widget=DATE)
    result = forms.ChoiceField(label=_("排查结果"), choices=CheckResult.choices)
    problems = forms.CharField(label=_("发现问题"), widget=forms.Textarea, required=False)
    rectification = forms.CharField(label=_("整改情况"), widget=forms.Textarea, required=False)


class RatingForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=40)
    code = forms.CharField(label=_("查询码"), max_length=40)
    score = forms.ChoiceField(label=_("您对答复的评价"), choices=Score.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("意见建议"), widget=forms.Textarea, required=False, max_length=2000)
