"""The hub workspace (/manage/) and the login pages (/accounts/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from workspace import views

app_name = "workspace"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="workspace/password_change.html", success_url="/accounts/password_change/done/"
        ),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="workspace/password_change_done.html"),
        name="password_change_done",
    ),
    path("manage/", views.home, name="home"),
    path("manage/audit/", views.audit_trail, name="audit"),
    path("manage/hubs/<str:code>/people/", views.people, name="people"),
    path("manage/hubs/<str:code>/people/<int:user_id>/remove/", views.people_remove, name="people_remove"),
    path("manage/sources/add/", views.source_add, name="source_add"),
    path("manage/sources/<slug:slug>/", views.source_detail, name="source"),
    path("manage/sources/<slug:slug>/edit/", views.source_edit, name="source_edit"),
    path("manage/sources/<slug:slug>/harvest/", views.source_harvest, name="source_harvest"),
    path("manage/sources/<slug:slug>/enable/", views.source_enable, name="source_enable"),
    path("manage/sources/<slug:slug>/delete/", views.source_delete, name="source_delete"),
    path("manage/sources/<slug:slug>/jobs/<int:job_id>/", views.job_detail, name="job"),
    path("manage/sources/<slug:slug>/jobs/<int:job_id>/progress.json", views.job_progress, name="job_progress"),
    path("manage/sources/<slug:slug>/jobs/<int:job_id>/abort/", views.job_abort, name="job_abort"),
    path("manage/sources/<slug:slug>/jobs/<int:job_id>/take-over/", views.job_take_over, name="job_take_over"),
    path("manage/sources/<slug:slug>/jobs/<int:job_id>/retry/", views.job_retry, name="job_retry"),
]
