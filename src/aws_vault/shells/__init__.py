"""Rendering environment changes for one shell at a time."""
