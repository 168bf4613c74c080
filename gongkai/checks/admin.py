from django.contrib import admin

from .models import CheckedReport


@admin.register(CheckedReport)
class CheckedReportAdmin(admin.ModelAdmin):
    list_display = ["organization", "year", "source_name", "template", "errors", "warnings", "checked_at"]
    list_filter = ["year", "template"]
    readonly_fields = [f.name for f in CheckedReport._meta.fields]
