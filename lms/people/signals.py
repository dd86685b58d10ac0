"""Signals other apps listen to, so that people never imports them."""

from django.dispatch import Signal

# Sent after a staff profile is created or its unit / staff type / job role
# changed; kwargs: profile. Course assignments use it to enrol people who join
# later, competency targets to find who they reach.
profile_changed = Signal()
