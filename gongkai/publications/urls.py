from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.create, name="create"),
    path("<int:publication_id>/", views.detail, name="detail"),
    path("<int:publication_id>/edit/", views.edit, name="edit"),
    path("<int:publication_id>/submit/", views.submit, name="submit"),
    path("<int:publication_id>/pre-review/", views.pre_review, name="pre-review"),
    path("<int:publication_id>/review/", views.review, name="review"),
    path("<int:publication_id>/publish/", views.publish, name="publish"),
    path("<int:publication_id>/schedule/", views.schedule, name="schedule"),
    path("<int:publication_id>/unschedule/", views.unschedule, name="unschedule"),
    path("<int:publication_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:publication_id>/reopen/", views.reopen, name="reopen"),
    path("<int:publication_id>/validity/", views.validity, name="validity"),
    path("<int:publication_id>/attachments/", views.attachment_add, name="attachment-add"),
    path("attachments/<int:pub_attachment_id>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pub_attachment_id>/delete/", views.attachment_delete, name="attachment-delete"),
    path("figures/", views.figures_home, name="figures-home"),
    path("org/<int:org_id>/figures/", views.figures, name="figures"),
    path("org/<int:org_id>/figures/import/", views.figures_import, name="figures-import"),
    path("org/<int:org_id>/figures/template.xlsx", views.figures_template_xlsx, name="figures-template-xlsx"),
    path("org/<int:org_id>/figures/template.csv", views.figures_template_csv, name="figures-template-csv"),
    path("org/<int:org_id>/settings/", views.org_settings, name="settings"),
    path("org/<int:org_id>/nodes/", views.node_add, name="node-add"),
    path("org/<int:org_id>/guide/", views.guide_edit, name="guide"),
]
