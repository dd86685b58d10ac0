"""Placeholder: filled in by the trend part of issue 6."""

urlpatterns: list = []
