"""Signals other apps listen to, so that people never imports them."""

from django.dispatch import Signal

# Sent after a staff profile is created or its unit / staff type changed;
# kwargs: profile. Course assignments use it to enrol people who join later.
profile_changed = Signal()
