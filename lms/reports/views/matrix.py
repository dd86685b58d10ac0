"""Placeholder: filled in by the matrix part of issue 6."""

urlpatterns: list = []
