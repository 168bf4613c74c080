from django.contrib import admin

from .models import (
    Bulletin,
    Case,
    Complaint,
    NewMediaAccount,
    NewMediaCheck,
    Rating,
    ResultMapping,
    Urging,
    WorkLog,
    WorkPlan,
)


@admin.register(ResultMapping)
class ResultMappingAdmin(admin.ModelAdmin):
    list_display = ["decision_type", "category", "source"]
    list_editable = ["category"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "route", "organization", "filed_on", "reply_due", "decision_type"]
    list_filter = ["kind", "route"]
    search_fields = ["number", "applicant"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["number", "subject_organization", "organization", "received_on", "status", "finding"]
    list_filter = ["status", "finding"]
    search_fields = ["number"]


admin.site.register([Rating, Urging, Bulletin, WorkPlan, WorkLog, NewMediaAccount, NewMediaCheck])
