from django.urls import path

from . import public_views as views

app_name = "reports_public"

urlpatterns = [
    path("", views.index, name="index"),
    path("schema.json", views.schema, name="schema"),
    path("organizations/<int:org_id>/", views.organization, name="organization"),
    path("<int:report_id>/", views.report, name="report"),
    path("<int:report_id>/versions/<int:number>/", views.report, name="version"),
    path("<int:report_id>/versions/<int:number>/<str:fmt>/", views.download, name="download"),
]
