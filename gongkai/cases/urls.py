from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_new, name="case-new"),
    path("<int:case_id>/", views.case_detail, name="case-detail"),
    path("<int:case_id>/edit/", views.case_edit, name="case-edit"),
    path("result-mapping/", views.result_mapping, name="result-mapping"),
    path("complaints/", views.complaint_list, name="complaint-list"),
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/<int:complaint_id>/", views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:complaint_id>/finding/", views.complaint_finding, name="complaint-finding"),
    path("complaints/<int:complaint_id>/reply/", views.complaint_reply, name="complaint-reply"),
    path("desk/", views.desk, name="desk"),
    path("desk/<int:org_id>/", views.desk_agency, name="desk-agency"),
    path("desk/<int:org_id>/bulletin/", views.bulletin_new, name="bulletin-new"),
    path("urgings/", views.urging_list, name="urging-list"),
    path("urgings/new/", views.urging_new, name="urging-new"),
    path("urgings/<int:urging_id>/", views.urging_detail, name="urging-detail"),
    path("urgings/<int:urging_id>/reply/", views.urging_reply, name="urging-reply"),
    path("urgings/<int:urging_id>/confirm/", views.urging_confirm, name="urging-confirm"),
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/<int:bulletin_id>/", views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:bulletin_id>/docx/", views.bulletin_docx, name="bulletin-docx"),
    path("bulletins/<int:bulletin_id>/pdf/", views.bulletin_pdf, name="bulletin-pdf"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_new, name="plan-new"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/tasks/", views.plan_add_task, name="plan-add-task"),
    path("assignments/<int:assignment_id>/", views.assignment_detail, name="assignment-detail"),
    path("ledger/", views.ledger, name="ledger"),
    path("newmedia/", views.newmedia, name="newmedia"),
    path("newmedia/accounts/new/", views.account_new, name="account-new"),
    path("newmedia/accounts/<int:account_id>/", views.account_edit, name="account-edit"),
    path("newmedia/checks/", views.check_new, name="check-new"),
    path("ratings/", views.ratings, name="ratings"),
]
