"""Writes for the case activity."""
