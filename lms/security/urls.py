from django.urls import path

from . import views

urlpatterns = [
    path("my/two-factor/", views.two_factor, name="two-factor"),
    path("accounts/login/code/", views.two_factor_verify, name="two-factor-verify"),
]
