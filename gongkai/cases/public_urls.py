from django.urls import path

from . import public_views

app_name = "cases_public"

urlpatterns = [
    path("", public_views.complaint_new, name="complaint-new"),
    path("done/", public_views.complaint_done, name="complaint-done"),
    path("status/", public_views.complaint_status, name="complaint-status"),
    path("rate/", public_views.rate, name="rate"),
]
