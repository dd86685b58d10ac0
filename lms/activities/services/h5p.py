"""Writes for the H5P activity: grading root xAPI statements, saved state."""
