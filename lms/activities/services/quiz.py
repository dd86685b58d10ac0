"""Writes for the quiz activity."""
