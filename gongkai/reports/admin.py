from django.contrib import admin

from .models import Report, ReportDeadline, ReportVersion


@admin.register(ReportDeadline)
class ReportDeadlineAdmin(admin.ModelAdmin):
    """Report deadlines are law-as-data (条例 第四十九条; a 乡镇's date comes from its county's notice)."""

    list_display = ["__str__", "level", "organization", "month", "day", "remind_days", "source"]
    list_filter = ["level"]
    autocomplete_fields = ["organization"]


class VersionInline(admin.TabularInline):
    model = ReportVersion
    fields = ["number", "status", "published_at", "change_note", "override_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: reports change only through the workflow services (every change is audited)."""

    list_display = ["__str__", "year", "template", "scope"]
    list_filter = ["year", "template"]
    search_fields = ["organization__name"]
    inlines = [VersionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
