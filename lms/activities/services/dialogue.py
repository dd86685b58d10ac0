"""Writes for the dialogue activity."""
