"""An "Erase account" entry in the admin's user list, for those allowed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button


@hooks.register("register_user_listing_buttons")
def erase_account_button(user, request_user):
    if request_user.has_perm("privacy.erase_account") and user.pk != request_user.pk:
        yield Button(
            _("Erase account"),
            reverse("privacy-account-erase", args=[user.pk]),
            priority=90,
            icon_name="bin",
        )
