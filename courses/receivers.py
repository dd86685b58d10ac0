"""Reactions to other apps' signals."""

from . import services


def enrol_by_assignments(sender, profile, **kwargs):
    services.enrol_by_assignments(profile=profile)
