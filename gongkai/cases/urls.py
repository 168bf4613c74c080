from django.urls import path

from .views import cases as case_views
from .views import complaints as complaint_views
from .views import desk as desk_views
from .views import work as work_views

app_name = "cases"

urlpatterns = [
    path("", case_views.case_list, name="case-list"),
    path("new/", case_views.case_new, name="case-new"),
    path("<int:case_id>/", case_views.case_detail, name="case-detail"),
    path("<int:case_id>/edit/", case_views.case_edit, name="case-edit"),
    path("result-mapping/", case_views.result_mapping, name="result-mapping"),
    path("complaints/", complaint_views.complaint_list, name="complaint-list"),
    path("complaints/new/", complaint_views.complaint_new, name="complaint-new"),
    path("complaints/<int:complaint_id>/", complaint_views.complaint_detail, name="complaint-detail"),
    path("complaints/<int:complaint_id>/finding/", complaint_views.complaint_finding, name="complaint-finding"),
    path("complaints/<int:complaint_id>/reply/", complaint_views.complaint_reply, name="complaint-reply"),
    path("desk/", desk_views.desk, name="desk"),
    path("desk/<int:org_id>/", desk_views.desk_agency, name="desk-agency"),
    path("desk/<int:org_id>/bulletin/", desk_views.bulletin_new, name="bulletin-new"),
    path("urgings/", desk_views.urging_list, name="urging-list"),
    path("urgings/new/", desk_views.urging_new, name="urging-new"),
    path("urgings/<int:urging_id>/", desk_views.urging_detail, name="urging-detail"),
    path("urgings/<int:urging_id>/reply/", desk_views.urging_reply, name="urging-reply"),
    path("urgings/<int:urging_id>/confirm/", desk_views.urging_confirm, name="urging-confirm"),
    path("bulletins/", desk_views.bulletin_list, name="bulletin-list"),
    path("bulletins/<int:bulletin_id>/", desk_views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:bulletin_id>/docx/", desk_views.bulletin_docx, name="bulletin-docx"),
    path("bulletins/<int:bulletin_id>/pdf/", desk_views.bulletin_pdf, name="bulletin-pdf"),
    path("plans/", work_views.plan_list, name="plan-list"),
    path("plans/new/", work_views.plan_new, name="plan-new"),
    path("plans/<int:plan_id>/", work_views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_id>/tasks/", work_views.plan_add_task, name="plan-add-task"),
    path("assignments/<int:assignment_id>/", work_views.assignment_detail, name="assignment-detail"),
    path("ledger/", work_views.ledger, name="ledger"),
    path("newmedia/", work_views.newmedia, name="newmedia"),
    path("newmedia/accounts/new/", work_views.account_new, name="account-new"),
    path("newmedia/accounts/<int:account_id>/", work_views.account_edit, name="account-edit"),
    path("newmedia/checks/", work_views.check_new, name="check-new"),
    path("ratings/", complaint_views.ratings, name="ratings"),
    path("ratings/list/", complaint_views.rating_list, name="rating-list"),
]
