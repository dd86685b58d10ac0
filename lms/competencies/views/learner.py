"""Placeholder: filled in by the learner part of issue 5."""

urlpatterns: list = []
