"""Admin forms for lesson content."""

from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import H5PPackage


class H5PPackageUploadForm(forms.ModelForm):
    """Upload of an .h5p file; title and libraries come from the package itself,
    so the form has no model fields of its own."""

    file = forms.FileField(
        label=_("H5P file"),
        help_text=_(
            "An .h5p file exported from an H5P editor (Lumi, h5p.org, Moodle, …)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PPackage
        fields: list[str] = []
