from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _


class SelfErasureForm(forms.Form):
    """The learner confirms with their password: a session left open on a
    shared tablet must not be enough to erase someone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class AdminErasureForm(forms.Form):
    """The admin types the person's user name: a slip of the mouse cannot
    erase the wrong account."""

    confirmation = forms.CharField(
        label=_("Type the user name to confirm"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, person: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"].strip()
        if typed != self.person.get_username():
            raise forms.ValidationError(
                _("This is not the user name of the account to erase.")
            )
        return typed
