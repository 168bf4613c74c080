from django import forms
from django.utils.translation import gettext_lazy as _

from . import calc
from .services import ImportError_, parse_days

DAYS_HELP = _(
    "每行一个日期：日期,类型,名称。类型为 holiday（放假）或 workday（调休上班），如 2027-01-01,holiday,元旦 或 2027-02-07,workday,春节调休"
)


class ArrangementForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=calc.MIN_YEAR, max_value=calc.MAX_YEAR)
    title = forms.CharField(
        label=_("通知标题"), max_length=200, help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知")
    )
    number = forms.CharField(label=_("文号"), max_length=100, required=False, help_text=_("如：国办发明电〔2026〕X号"))
    published_on = forms.DateField(
        label=_("发布日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    source_url = forms.URLField(label=_("来源网址"), max_length=500, required=False, assume_scheme="https")
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    days = forms.CharField(
        label=_("放假和调休上班日期"), widget=forms.Textarea(attrs={"rows": 16}), help_text=DAYS_HELP
    )

    def clean(self):
        data = super().clean()
        if "year" in data and "days" in data:
            try:
                data["rows"] = parse_days(data["days"], year=data["year"])
            except ImportError_ as exc:
                for message in exc.errors:
                    self.add_error("days", message)
        return data


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("日期清单"), required=False, widget=forms.Textarea(attrs={"rows": 12}), help_text=DAYS_HELP
    )
    file = forms.FileField(label=_("或上传文本/CSV文件"), required=False, help_text=_("UTF-8 或 GBK 编码，格式同上"))

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        upload = data.get("file")
        if upload:
            if upload.size > 200_000:
                raise forms.ValidationError(_("文件过大（最多200KB）"))
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    text = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("无法识别文件编码，请使用 UTF-8 或 GBK"))
        if not text.strip():
            raise forms.ValidationError(_("请填写日期清单或上传文件"))
        try:
            data["rows"] = parse_days(text)
        except ImportError_ as exc:
            for message in exc.errors:
                self.add_error("text" if not upload else "file", message)
        data["text"] = text
        return data


class CalculatorForm(forms.Form):
    start = forms.DateField(label=_("起算日"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    days = forms.IntegerField(label=_("工作日数"), min_value=0, max_value=366, initial=20)
