"""Placeholder: filled in by the individual part of issue 6."""

urlpatterns: list = []
