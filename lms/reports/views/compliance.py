"""Placeholder: filled in by the compliance part of issue 6."""

urlpatterns: list = []
