from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.register, name="register"),
    path("templates/", views.templates, name="templates"),
    path("settings/<int:org_id>/", views.agency_settings, name="settings"),
    path("templates/<int:org_id>/<str:letter_kind>/", views.template_edit, name="template-edit"),
    path("<int:application_id>/", views.detail, name="detail"),
    path("<int:application_id>/do/<str:action_name>/", views.action, name="action"),
    path("consultations/<int:consultation_id>/answer/", views.consult_answer, name="consult-answer"),
    path("consultations/<int:consultation_id>/disclose/", views.consult_disclose, name="consult-disclose"),
    path("letters/<int:letter_id>.pdf", views.letter_pdf, name="letter-pdf"),
    path("letters/<int:letter_id>.docx", views.letter_docx, name="letter-docx"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
]
