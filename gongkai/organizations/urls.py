from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("organizations/<int:org_id>/", views.organization_detail, name="detail"),
    path("organizations/<int:org_id>/edit/", views.organization_edit, name="edit"),
    path("organizations/<int:org_id>/audit/", views.organization_audit, name="audit"),
]
