"""Forms for HR and for volunteers joining with an invitation.

Forms only parse and validate input; the writes happen in services.py. Unit
choices are always limited to the viewer's scope, so a forged POST for a unit
outside it fails validation like any other bad choice.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .models import OrganisationUnit, StaffType

User = get_user_model()

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def validate_new_password(form: forms.Form, field: str) -> None:
    """Run Django's password validators against the account being made, so that
    "similar to the user name" is caught before the user exists."""
    cleaned = form.cleaned_data
    candidate = User(
        username=cleaned.get("username", ""),
        first_name=cleaned.get("first_name", ""),
        last_name=cleaned.get("last_name", ""),
        email=cleaned.get("email", ""),
    )
    try:
        password_validation.validate_password(cleaned[field], candidate)
    except forms.ValidationError as error:
        form.add_error(field, error)


class UnitChoiceField(forms.ModelChoiceField):
    """Shows each unit indented by its depth, so the tree reads in a select."""

    def label_from_instance(self, obj: OrganisationUnit) -> str:
        indent = "\u2003" * (obj.depth - 1)
        return f"{indent}{obj.name}" + (f" ({obj.kind})" if obj.kind else "")


def _unit_field(units, **kwargs) -> UnitChoiceField:
    return UnitChoiceField(
        queryset=units.order_by("path"), label=_("Organisation unit"), **kwargs
    )


class UnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.CharField(
        label=_("Kind"),
        max_length=100,
        required=False,
        help_text=_("e.g. Verband, Einrichtung, Dienst"),
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=64,
        help_text=_("The unit's key in the HR system; used by CSV imports."),
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if OrganisationUnit.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A unit with this code already exists."))
        return code


class StaffEditForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional: many volunteers have no work email."),
    )
    staff_type = forms.ChoiceField(label=_("Staff type"), choices=StaffType.choices)
    job_role = forms.CharField(
        label=_("Job role"),
        max_length=120,
        required=False,
        help_text=_("A new job role is created when it does not exist yet."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "unit",
        "staff_type",
        "job_role",
        "preferred_language",
    ]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(units)
        self.order_fields(self.field_order)


class StaffCreateForm(StaffEditForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Optional. Leave empty and send the person an invitation, or set a "
            "password later."
        ),
    )

    field_order = [*StaffEditForm.field_order, "password"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            validate_new_password(self, "password")
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma or semicolon separated, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only show what would change"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Please split it into smaller files.")
            )
        return upload


class InvitationForm(forms.Form):
    staff_type = forms.ChoiceField(
        label=_("Staff type"), choices=StaffType.choices, initial=StaffType.VOLUNTEER
    )
    job_role = forms.CharField(label=_("Job role"), max_length=120, required=False)
    max_uses = forms.IntegerField(
        label=_("Maximum uses"),
        min_value=1,
        max_value=10000,
        initial=50,
        help_text=_("How many people may join with this invitation."),
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=365, initial=30
    )

    field_order = ["unit", "staff_type", "job_role", "max_uses", "valid_days"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(units)
        self.order_fields(self.field_order)


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=16,
        help_text=_("The code from your invitation, e.g. K7MX4PQR."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()


class JoinForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("You log in with it. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This username is already taken. Please choose another one.")
            )
        return username

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            validate_new_password(self, "password1")
        return cleaned
