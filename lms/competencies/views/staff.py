"""Placeholder: filled in by the staff part of issue 5."""

urlpatterns: list = []
