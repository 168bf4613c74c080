from django.contrib import admin

from .models import AgencySettings, FeeSchedule, LetterTemplate


@admin.register(AgencySettings)
class AgencySettingsAdmin(admin.ModelAdmin):
    list_display = ["organization", "head_review_required", "payment_days", "correction_days", "reconsideration_body"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ["effective_from", "source"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "organization", "title", "source", "updated_at"]
    list_filter = ["kind"]
