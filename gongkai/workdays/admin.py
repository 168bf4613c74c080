from django.contrib import admin

from .models import CalendarDay, CalendarYear, DeadlineRule


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ["date", "kind", "name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "number", "published_on", "loaded", "updated_at"]
    list_filter = ["loaded"]
    search_fields = ["title", "number"]
    inlines = [CalendarDayInline]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name", "arrangement"]
    list_filter = ["kind", "arrangement"]
    search_fields = ["name"]
    date_hierarchy = "date"


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "days", "counting", "effective_from"]
    list_filter = ["kind", "counting"]
    search_fields = ["legal_basis"]
