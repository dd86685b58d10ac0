from django.urls import path

from . import views

urlpatterns = [
    path("my/data/", views.my_data, name="my-data"),
    path("my/data/export.zip", views.my_data_export, name="my-data-export"),
    path("my/data/erase/", views.my_data_erase, name="my-data-erase"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "privacy/accounts/<int:user_id>/erase/",
        views.account_erase_confirm,
        name="privacy-account-erase",
    ),
]
