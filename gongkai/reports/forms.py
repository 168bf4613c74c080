from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .core.formats import SECTION3_COLUMNS, SECTION4_COLUMNS, get_format
from .models import Scope, Template


class CreateReportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008)
    template = forms.ChoiceField(
        label=_("格式"),
        choices=[("", _("按年度自动选择")), *Template.choices],
        required=False,
        help_text=_("2021年度起使用国办公开办函〔2021〕30号格式"),
    )
    scope = forms.ChoiceField(label=_("统计范围"), choices=Scope.choices, initial=Scope.OWN)

    def __init__(self, *args, allow_subtree=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_subtree:
            del self.fields["scope"]
        self.fields["year"].initial = timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("不能编制未来年度的报告。"))
        return year


class ContentForm(forms.Form):
    """The text of 一、五、六 and every cell of the tables the system does not fill (blank = 空)."""

    overview = forms.CharField(label=_("一、总体情况"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    other = forms.CharField(label=_("六、其他需要报告的事项"), widget=forms.Textarea(attrs={"rows": 8}), required=False)

    def __init__(self, *args, template: str, manual: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fmt = get_format(template)
        self.manual = manual
        self.table_fields: dict[str, list] = {"section2": [], "section3": [], "section4": []}
        if "section2" in manual:
            for r in self.fmt.section2_rows:
                for i, col in enumerate(r.columns):
                    name = f"s2__{r.id}__{i}"
                    if i in r.decimal:
                        field = forms.DecimalField(min_value=Decimal(0), decimal_places=4, required=False)
                    else:
                        field = forms.IntegerField(required=False, min_value=None if i in r.signed else 0)
                    field.label = f"{r.block} {r.label} {col}"
                    self.fields[name] = field
                    self.table_fields["section2"].append(name)
        if "section3" in manual:
            for r in self.fmt.section3_rows:
                for c, col in enumerate(SECTION3_COLUMNS):
                    name = f"s3__{r.id}__{c}"
                    self.fields[name] = forms.IntegerField(required=False, min_value=0, label=f"{r.short} {col}")
                    self.table_fields["section3"].append(name)
        if "section4" in manual:
            for i, col in enumerate(SECTION4_COLUMNS):
                name = f"s4__{i}"
                self.fields[name] = forms.IntegerField(required=False, min_value=0, label=col)
                self.table_fields["section4"].append(name)

    @staticmethod
    def initial_for(value, manual: list[str]) -> dict:
        initial = dict(value.sections)
        fmt = value.format
        if "section2" in manual:
            for r in fmt.section2_rows:
                v = value.section2.get(r.id)
                for i in range(len(r.columns)):
                    initial[f"s2__{r.id}__{i}"] = v if r.scalar else (v[i] if isinstance(v, list) else None)
        if "section3" in manual:
            for r in fmt.section3_rows:
                row = value.section3.get(r.id) or [None] * 7
                for c in range(7):
                    initial[f"s3__{r.id}__{c}"] = row[c]
        if "section4" in manual:
            for i in range(15):
                initial[f"s4__{i}"] = value.section4[i] if i < len(value.section4) else None
        return initial

    @staticmethod
    def field_name(ref: tuple) -> str:
        """The form field of a layout value cell."""
        section, row, index = ref
        if section == "section2":
            return f"s2__{row}__{index or 0}"
        if section == "section3":
            return f"s3__{row}__{index}"
        return f"s4__{index}"

    def sections(self) -> dict:
        return {k: self.cleaned_data.get(k, "") for k in ("overview", "problems", "other")}

    def tables(self) -> dict:
        d = self.cleaned_data
        out = {}
        if "section2" in self.manual:
            s2 = {}
            for r in self.fmt.section2_rows:
                vals = [d.get(f"s2__{r.id}__{i}") for i in range(len(r.columns))]
                s2[r.id] = vals[0] if r.scalar else vals
            out["section2"] = s2
        if "section3" in self.manual:
            out["section3"] = {r.id: [d.get(f"s3__{r.id}__{c}") for c in range(7)] for r in self.fmt.section3_rows}
        if "section4" in self.manual:
            out["section4"] = [d.get(f"s4__{i}") for i in range(15)]
        return out


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("退回意见"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    override_reason = forms.CharField(
        label=_("带错误发布的理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("仅当校验发现错误、仍须发布时填写；理由将被记录在操作日志中。"),
    )


class CorrectionForm(forms.Form):
    change_note = forms.CharField(
        label=_("更正说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("说明更正了什么、为什么更正；随更正后的报告一并公开。"),
    )
