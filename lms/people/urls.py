from django.urls import path

from . import views

urlpatterns = [
    path("hr/", views.hr_home, name="hr-home"),
    path("hr/units/<int:pk>/", views.hr_unit, name="hr-unit"),
    path("hr/staff/new/", views.hr_staff_create, name="hr-staff-create"),
    path("hr/staff/<int:pk>/", views.hr_staff_edit, name="hr-staff-edit"),
    path("hr/import/", views.hr_import, name="hr-import"),
    path("hr/invitations/", views.hr_invitations, name="hr-invitations"),
    path(
        "hr/invitations/<int:pk>/revoke/",
        views.hr_invitation_revoke,
        name="hr-invitation-revoke",
    ),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_code, name="join-code"),
]
