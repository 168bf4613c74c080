from django.urls import path

from . import views

app_name = "checks"

urlpatterns = [
    path("", views.home, name="home"),
    path("upload/", views.upload, name="upload"),
    path("<int:check_id>/", views.detail, name="detail"),
]
