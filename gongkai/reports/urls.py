from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("supervision/", views.supervision, name="supervision"),
    path("organizations/<int:org_id>/", views.organization, name="organization"),
    path("organizations/<int:org_id>/create/", views.create, name="create"),
    path("organizations/<int:org_id>/supervision/", views.supervision, name="supervision-org"),
    path("organizations/<int:org_id>/aggregate/", views.aggregate, name="aggregate"),
    path("<int:report_id>/", views.detail, name="detail"),
    path("<int:report_id>/versions/<int:version_number>/", views.detail, name="version"),
    path("<int:report_id>/edit/", views.edit, name="edit"),
    path("<int:report_id>/refresh/", views.refresh, name="refresh"),
    path("<int:report_id>/submit/", views.submit, name="submit"),
    path("<int:report_id>/return/", views.return_to_draft, name="return"),
    path("<int:report_id>/approve/", views.approve, name="approve"),
    path("<int:report_id>/publish/", views.publish, name="publish"),
    path("<int:report_id>/correct/", views.correct, name="correct"),
    path("<int:report_id>/records/", views.records, name="records"),
    path("<int:report_id>/export/", views.export, name="export"),
]
