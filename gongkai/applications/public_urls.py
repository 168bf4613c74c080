from django.urls import path

from . import public_views as views

app_name = "applications_public"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:org_id>/new/", views.apply, name="apply"),
    path("done/<str:number>/", views.done, name="done"),
    path("status/", views.lookup, name="lookup"),
    path("status/<str:number>/", views.status, name="status"),
    path("status/<str:number>/withdraw/", views.withdraw, name="withdraw"),
    path("status/<str:number>/respond/<int:request_id>/", views.respond, name="respond"),
    path("status/<str:number>/letters/<int:letter_id>.<str:fmt>", views.letter_download, name="letter"),
]
