from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.organizations import access

MAX_FILE_SIZE = 20 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.htm,.html,.shtml,.docx,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("被检查机构"),
        queryset=None,
        required=False,
        empty_label=_("按报告标题自动匹配"),
        help_text=_("不选时按报告标题中的机构名称在本辖区内匹配。"),
    )
    year = forms.IntegerField(
        label=_("报告年度"),
        required=False,
        min_value=2008,
        max_value=2100,
        help_text=_("不填时取报告标题或统计时限中的年度。"),
    )
    files = MultipleFileField(
        label=_("报告文件"),
        required=False,
        help_text=_("可一次选择多个文件：文本（.txt）、网页（.html）、Word（.docx）、PDF。"),
    )
    pasted_html = forms.CharField(
        label=_("或粘贴网页源代码"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("在浏览器中“查看网页源代码”后全部复制粘贴到这里（也可粘贴纯文本）。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = access.supervised_organizations(user).order_by("path")

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        for f in files:
            if f.size > MAX_FILE_SIZE:
                raise forms.ValidationError(_("文件“%(name)s”超过 20 MB。"), params={"name": f.name})
        return files

    def clean(self):
        data = super().clean()
        if not data.get("files") and not (data.get("pasted_html") or "").strip():
            raise forms.ValidationError(_("请选择至少一个报告文件，或粘贴网页源代码。"))
        return data
