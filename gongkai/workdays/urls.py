from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("arrangement/", views.arrangement_edit, name="arrangement"),
    path("import/", views.import_view, name="import"),
    path("recompute/", views.recompute_view, name="recompute"),
    path("changes.csv", views.changes_csv, name="changes-csv"),
]
