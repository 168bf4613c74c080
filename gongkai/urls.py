from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("gongkai.organizations.urls")),
    path("staff/workdays/", include("gongkai.workdays.urls")),
    path("staff/publications/", include("gongkai.publications.urls")),
    path("staff/applications/", include("gongkai.applications.urls")),
    path("staff/cases/", include("gongkai.cases.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/checks/", include("gongkai.checks.urls")),
    path("apply/", include("gongkai.applications.public_urls")),
    path("annual-reports/", include("gongkai.reports.public_urls")),
    path("complaints/", include("gongkai.cases.public_urls")),
    path("", include("gongkai.portal.urls")),
]
