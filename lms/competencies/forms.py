"""Admin forms of the competencies app."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .exchange import FORMAT_CHOICES, MOODLE_CSV
from .exchange.parsed import max_bytes


class FrameworkImportForm(forms.Form):
    """A framework file and its format; the file itself is checked by the
    importer, whose problems are listed above the form."""

    file = forms.FileField(
        label=gettext_lazy("Framework file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv"}),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=FORMAT_CHOICES,
        initial=MOODLE_CSV,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A competency framework exported from Moodle (CSV) or a CASE package "
            "(JSON, e.g. from OpenSALT). At most %(size)s."
        ) % {"size": filesizeformat(max_bytes())}
