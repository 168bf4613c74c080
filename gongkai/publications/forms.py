from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import TOPICS, Attachment, CatalogueNode, Publication, Status, YearlyFigures
from .services import CHECKLIST, EDITABLE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PublicationForm(forms.ModelForm):
    topic = forms.ChoiceField(label=_("主题分类"), choices=[("", "—")] + [(t, t) for t in TOPICS], required=False)

    class Meta:
        model = Publication
        fields = EDITABLE_FIELDS
        widgets = {
            "written_on": DateInput(),
            "formed_on": DateInput(),
            "effective_on": DateInput(),
            "body": forms.Textarea(attrs={"rows": 14}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "body": _("可使用段落、标题、列表、表格、链接等格式；脚本和样式会被自动清除。"),
            "disclosure": _("第十三–十六条：主动公开的才会在网站发布；其余须写明理由和依据。"),
            "interprets": _("政策解读须关联被解读的政策文件，两边页面互相显示。"),
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["node"].queryset = CatalogueNode.objects.for_organization(organization)
        self.fields["node"].label_from_instance = lambda n: f"{n.name}（{n.source}）" if n.source else n.name
        self.fields["interprets"].queryset = Publication.objects.filter(
            organization=organization, status=Status.PUBLISHED
        ).exclude(genre="interpretation")
        self.fields["disclosure"].required = False

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        today = timezone.localdate()
        if value is not None and not (date(2000, 1, 1) <= value <= today.replace(year=today.year + 1)):
            raise forms.ValidationError(_("日期不合理（应在2000年之后、不晚于一年以后）。"))
        return value

    def clean_formed_on(self):
        return self._clean_date("formed_on")

    def clean_written_on(self):
        return self._clean_date("written_on")

    def clean_effective_on(self):
        return self._clean_date("effective_on")

    def clean(self):
        data = super().clean()
        if data.get("interprets") and not data.get("interpretation_kind"):
            self.add_error("interpretation_kind", _("请选择解读形式（文字、图解或视频）。"))
        if data.get("written_on") and data.get("formed_on") and data["formed_on"] < data["written_on"]:
            self.add_error("formed_on", _("形成或变更日期不能早于成文日期。"))
        return data


class PreReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("预审结论"),
        choices=[("approve", _("通过，进入审核")), ("return", _("退回修改"))],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(f"check_{key}", False) for key, _label in CHECKLIST}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核结论"), choices=[("approve", _("同意")), ("return", _("退回修改"))], widget=forms.RadioSelect
    )
    comments = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("发布时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at <= timezone.now():
            raise forms.ValidationError(_("定时发布时间须晚于当前时间。"))
        return at


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ValidityForm(forms.Form):
    action = forms.ChoiceField(label=_("变更"), choices=[("amend", _("已修改")), ("repeal", _("已废止"))])
    on = forms.DateField(label=_("日期"), widget=DateInput())
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("文件"), help_text=_("附件：PDF、Word（DOCX）、PNG、JPEG；图解：PNG、JPEG；视频：MP4")
    )
    role = forms.ChoiceField(label=_("用途"), choices=Attachment.Role.choices, initial=Attachment.Role.ATTACHMENT)


class FiguresForm(forms.ModelForm):
    class Meta:
        model = YearlyFigures
        fields = ["year", "licensing", "penalty", "enforcement", "fees_wan_yuan", "note"]

    def clean_fees_wan_yuan(self):
        fee = self.cleaned_data["fees_wan_yuan"]
        if fee is not None and fee < 0:
            raise forms.ValidationError(_("收费金额不能为负数。"))
        return fee

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1990 <= year <= 2100:
            raise forms.ValidationError(_("年度不合理。"))
        return year


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX 或 CSV 文件"))


ROUND_PRESETS = [
    ("reviewer,head", _("审核人 → 负责人（两轮）")),
    ("reviewer,reviewer,head", _("审核人 → 审核人 → 负责人（三轮）")),
    ("head", _("仅负责人审批")),
    ("reviewer", _("仅审核人审核")),
]


class SettingsForm(forms.Form):
    index_pattern = forms.CharField(
        label=_("索引号格式"), max_length=100, help_text=_("占位符：{机构代码}、{年}、{序号}")
    )
    sequence_width = forms.IntegerField(label=_("序号位数"), min_value=1, max_value=10)
    review_rounds = forms.ChoiceField(label=_("审核轮次"), choices=ROUND_PRESETS)

    def clean_index_pattern(self):
        value = self.cleaned_data["index_pattern"]
        if "{序号}" not in value:
            raise forms.ValidationError(_("索引号格式须包含 {序号}。"))
        return value


class GuideForm(forms.Form):
    text = forms.CharField(
        label=_("公开指南正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_("留空并保存则恢复为按本机关信息自动生成的指南。"),
    )


class NodeForm(forms.Form):
    name = forms.CharField(label=_("目录名称"), max_length=200)
    code = forms.CharField(label=_("编码（可选）"), max_length=40, required=False)
