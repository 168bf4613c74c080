from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("org/<int:org_id>/", views.organization_home, name="organization"),
    path("guide/", views.section_index, {"section": "guide"}, name="guide-index"),
    path("catalogue/", views.section_index, {"section": "catalogue"}, name="catalogue-index"),
    path("proactive/", views.section_index, {"section": "proactive"}, name="proactive-index"),
    path("apply-index/", views.section_index, {"section": "apply"}, name="apply-index"),
    path("reports/", views.section_index, {"section": "reports"}, name="reports-index"),
]
