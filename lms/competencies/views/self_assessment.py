"""Placeholder: filled in by the self_assessment part of issue 5."""

urlpatterns: list = []
