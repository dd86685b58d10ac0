"""Who works where: the organisation tree, staff profiles, roles and invitations.

The tree is a materialised path (treebeard, as Wagtail's pages), so "this unit and
everything below it" is one indexed prefix query at any depth.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class StaffType(models.TextChoices):
    PAID = "paid", _("Paid staff")
    VOLUNTEER = "volunteer", _("Volunteer")


class Role(models.TextChoices):
    """The Django groups that carry each role's permissions (created by migration)."""

    LEARNER = "Learner", _("Learner")
    TRAINER = "Trainer", _("Trainer")
    HR = "HR", _("HR")
    MANAGER = "Manager", _("Manager")
    ADMIN = "Admin", _("Administrator")


class OrganisationUnit(MP_Node):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Verband, Einrichtung, Dienst"),
    )
    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("The unit's key in the HR system; used by CSV imports."),
    )

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self):
        return self.name

    def subtree(self):
        """This unit and every unit below it."""
        return OrganisationUnit.objects.filter(path__startswith=self.path)

    def ancestor_paths(self, *, include_self: bool = False) -> list[str]:
        """The paths of the units above this one, top first (rules that reach
        "a unit and its sub-units" match on these without a query)."""
        end = len(self.path) + (1 if include_self else 0)
        return [self.path[:cut] for cut in range(self.steplen, end, self.steplen)]


class JobRole(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("job role")
        verbose_name_plural = _("job roles")

    def __str__(self):
        return self.name


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("organisation unit"),
    )
    staff_type = models.CharField(
        _("staff type"),
        max_length=16,
        choices=StaffType.choices,
        default=StaffType.PAID,
    )
    job_role = models.ForeignKey(
        JobRole,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("job role"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    managed_units = models.ManyToManyField(
        OrganisationUnit,
        blank=True,
        related_name="managers",
        verbose_name=_("units managed (HR)"),
        help_text=_(
            "HR rights, or a manager's view of reports, reach these units and "
            "everything below them."
        ),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


def _new_invitation_code():
    # No 0/O or 1/I: volunteers type the code from paper.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Invitation(models.Model):
    """A link or code with which volunteers without a work email join their unit."""

    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        default=_new_invitation_code,
        editable=False,
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation unit"),
    )
    staff_type = models.CharField(
        _("staff type"),
        max_length=16,
        choices=StaffType.choices,
        default=StaffType.VOLUNTEER,
    )
    job_role = models.ForeignKey(
        JobRole,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("job role"),
    )
    max_uses = models.PositiveIntegerField(_("maximum uses"), default=50)
    uses = models.PositiveIntegerField(_("uses"), default=0, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.code} ({self.unit})"

    @property
    def is_usable(self) -> bool:
        return (
            not self.revoked
            and self.uses < self.max_uses
            and self.expires_at > timezone.now()
        )
