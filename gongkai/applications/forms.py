"""Forms: validation with clear Chinese messages; what was typed is kept on errors."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import categories, idcheck
from .models import ApplicantType, Application, Channel, Consultation, Delivery, Form, IdType, LetterTemplate
from .services import APPLICATION_FIELDS

MAX_ATTACHMENT_BYTES = getattr(settings, "GONGKAI_APPLICATION_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
MAX_ATTACHMENTS = 5
ALLOWED_TYPES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


def DateInput():  # noqa: N802 - a widget factory
    """``<input type=date>`` needs ISO dates whatever the locale's display format is."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(_("附件最多%(n)d个。") % {"n": MAX_ATTACHMENTS})
        for f in files:
            name = f.name.lower()
            ext = name[name.rfind(".") :] if "." in name else ""
            if ext not in ALLOWED_TYPES:
                raise forms.ValidationError(
                    _("附件“%(name)s”的类型不允许，只接受PDF、JPG、PNG文件。") % {"name": f.name}
                )
            if f.size > MAX_ATTACHMENT_BYTES:
                raise forms.ValidationError(
                    _("附件“%(name)s”超过%(mb)dMB，请压缩后重新选择。")
                    % {"name": f.name, "mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
                )
            head = f.read(8)
            f.seek(0)
            if not any(head.startswith(magic) for magic in ALLOWED_TYPES[ext]):
                raise forms.ValidationError(_("附件“%(name)s”的内容与文件类型不符。") % {"name": f.name})
        return files


class ApplicationForm(forms.ModelForm):
    attachments = MultipleFileField(
        label=_("附件（身份证明复印件等，选填）"),
        help_text=_("PDF、JPG或PNG，每个不超过5MB，最多5个。表单有误时需要重新选择附件。"),
    )

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "applicant_type": forms.RadioSelect,
        }
        help_texts = {
            "description": _(
                "请写明所需信息的名称、文号，或者便于查询的其他特征性描述。一份申请请只申请一项（一事一申请）。"
            ),
            "email": _("选择电子邮件方式时必填；查询码和答复文书也会发到这个邮箱。"),
            "contact_person": _("法人或其他组织申请时填写"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = list(ApplicantType.choices)
        self.fields["preferred_form"].choices = [("", "—")] + list(Form.choices)
        self.fields["delivery"].choices = [("", "—")] + list(Delivery.choices)
        self.fields["id_type"].choices = [("", "—")] + list(IdType.choices)

    def clean_applicant_name(self):
        return self.cleaned_data["applicant_name"].strip()

    def clean_phone(self):
        v = "".join(self.cleaned_data["phone"].split())
        if not (6 <= len(v) <= 20) or not all(c.isdigit() or c in "-+()" for c in v):
            raise forms.ValidationError(_("请填写有效的联系电话。"))
        return v

    def clean_description(self):
        v = self.cleaned_data["description"].strip()
        if len(v) < 5:
            raise forms.ValidationError(_("请具体描述所需政府信息（至少5个字）。"))
        return v

    def clean(self):
        data = super().clean()
        id_type, number = data.get("id_type"), data.get("id_number", "")
        checks = {
            IdType.RESIDENT_ID: idcheck.resident_id_problem,
            IdType.USCC: idcheck.uscc_problem,
            IdType.PASSPORT: idcheck.passport_problem,
        }
        if id_type and number:
            problem = checks.get(id_type, idcheck.other_problem)(number)
            if problem:
                self.add_error("id_number", problem)
            else:
                data["id_number"] = idcheck.normalize(number)
        kind = data.get("applicant_type")
        if kind == ApplicantType.NATURAL and id_type == IdType.USCC:
            self.add_error("id_type", _("自然人请使用居民身份证、护照等个人身份证件。"))
        if kind and kind != ApplicantType.NATURAL and id_type == IdType.RESIDENT_ID:
            self.add_error("id_type", _("法人或其他组织请填写统一社会信用代码等证照号码。"))
        if Form.EMAIL in (data.get("preferred_form"), data.get("delivery")) or data.get("delivery") == Delivery.EMAIL:
            if not data.get("email"):
                self.add_error("email", _("选择电子邮件方式时须填写电子邮箱。"))
        if data.get("delivery") == Delivery.POST and not data.get("address"):
            self.add_error("address", _("选择邮寄方式时须填写通信地址。"))
        return data


class RegisterForm(ApplicationForm):
    """Staff registration of paper / in-person / fax / oral applications (第三十一条 per channel)."""

    channel = forms.ChoiceField(label=_("提交方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    submitted_on = forms.DateField(label=_("提交（寄出、发送）日期"), widget=DateInput())
    signed_on = forms.DateField(label=_("本机关签收日期（邮寄）"), required=False, widget=DateInput())
    confirmed_on = forms.DateField(label=_("与申请人确认的日期（平常信函、传真）"), required=False, widget=DateInput())

    field_order = ["channel", "submitted_on", "signed_on", "confirmed_on"]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(VersionForm):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None, required=False, empty_label=_("（不指定）"))

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class CorrectionForm(VersionForm):
    items = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    respond_by = forms.DateField(label=_("补正期限"), widget=DateInput())


class ResponseForm(VersionForm):
    response = forms.CharField(label=_("申请人的补正或说明"), widget=forms.Textarea(attrs={"rows": 3}))


class ExplanationForm(VersionForm):
    text = forms.CharField(label=_("需说明的事项"), widget=forms.Textarea(attrs={"rows": 3}))
    respond_by = forms.DateField(label=_("说明期限"), widget=DateInput())


class DelayForm(VersionForm):
    until = forms.DateField(label=_("延迟答复的合理期限"), widget=DateInput())
    reason = forms.CharField(label=_("理由"), max_length=190)


class ConsultForm(VersionForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Consultation.Kind.choices)
    party = forms.CharField(label=_("被征求意见方"), max_length=200)
    party_address = forms.CharField(label=_("地址或联系方式"), max_length=200, required=False)
    matter = forms.CharField(label=_("涉及的信息"), widget=forms.Textarea(attrs={"rows": 2}))


class ConsultAnswerForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("意见"),
        choices=[
            c
            for c in Consultation.Outcome.choices
            if c[0] in (Consultation.Outcome.AGREES, Consultation.Outcome.OBJECTS)
        ],
    )
    opinion = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    answered_on = forms.DateField(label=_("收到意见日期"), widget=DateInput())


class DisclosureNoticeForm(VersionForm):
    """第三十二条: disclose over the third party's objection in the public interest, telling it in writing."""

    content = forms.CharField(label=_("决定公开的政府信息内容"), widget=forms.Textarea(attrs={"rows": 2}))
    reasons = forms.CharField(
        label=_("决定公开的理由（不公开可能对公共利益造成重大影响的具体情形）"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExtensionForm(VersionForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class ApproveForm(VersionForm):
    approve = forms.TypedChoiceField(
        label=_("审核结论"), choices=[("1", _("同意")), ("0", _("不同意，退回"))], coerce=lambda v: v == "1"
    )
    comments = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FeeForm(VersionForm):
    method = forms.ChoiceField(
        label=_("计费方式（按件或按量，只能选一种）"),
        choices=[("per_item", _("按件计收")), ("per_page", _("按量计收"))],
    )
    pages = forms.IntegerField(label=_("页数（按量计收时填写）"), min_value=1, required=False)

    def clean(self):
        data = super().clean()
        if data.get("method") == "per_page" and not data.get("pages"):
            self.add_error("pages", _("按量计收须填写页数。"))
        if data.get("method") == "per_item" and data.get("pages"):
            self.add_error("pages", _("按件计收时不填页数（不得同时按两种标准计算）。"))
        return data


class DecisionForm(VersionForm):
    category = forms.ChoiceField(
        label=_("办理结果（年报表三的一行）"), choices=[("", "—")] + categories.DECIDABLE_CHOICES
    )
    partial_withheld_category = forms.ChoiceField(
        label=_("不予公开部分的理由类别（部分公开时）"),
        choices=[("", "—")] + categories.WITHHELD_CHOICES,
        required=False,
    )
    legal_basis = forms.CharField(
        label=_("法律依据"),
        required=False,
        help_text=_("留空时使用该结果的默认依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reasons = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    access_instructions = forms.CharField(
        label=_("获取信息的方式、途径和时间"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsible_agency = forms.CharField(label=_("负责公开的机关及联系方式（不属于本机关负责公开时）"), required=False)


class WithdrawForm(VersionForm):
    reason = forms.CharField(label=_("撤回说明"), max_length=500)


class SplitForm(VersionForm):
    items = forms.CharField(
        label=_("拆分后的各项内容（每行一项，第一行保留在本申请）"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_items(self):
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class FeePaidForm(VersionForm):
    pass


class LookupForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=40)
    code = forms.CharField(label=_("查询码"), max_length=20)


class PublicWithdrawForm(forms.Form):
    """The applicant withdraws on the status page. ``ask_code``: the session lost its grant, so the 查询码
    is asked again (what was typed is kept)."""

    code = forms.CharField(label=_("查询码"), max_length=20, error_messages={"required": _("请输入查询码。")})
    reason = forms.CharField(
        label=_("撤回理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写撤回理由。")},
    )
    confirm = forms.BooleanField(
        label=_("我确认撤回本申请。撤回后本机关将终止办理，不再作出答复；如仍需要该信息，可以重新提出申请。"),
        error_messages={"required": _("请勾选确认后再提交撤回。")},
    )

    def __init__(self, *args, ask_code: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_code:
            del self.fields["code"]


class ApplicantResponseForm(forms.Form):
    response = forms.CharField(label=_("您的答复"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    attachments = MultipleFileField(label=_("附件（选填）"))


class AgencySettingsForm(forms.ModelForm):
    class Meta:
        from .models import AgencySettings

        model = AgencySettings
        fields = [
            "head_review_required",
            "payment_days",
            "correction_days",
            "reconsideration_body",
            "letter_prefix",
            "heavy_applicant_threshold",
            "same_request_threshold",
        ]


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


def default_respond_by(today, days=15):
    return today + timedelta(days=days)
