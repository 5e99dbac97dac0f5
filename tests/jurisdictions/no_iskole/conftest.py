"""Fixtures of the IOP module tests (see helpers.py)."""

from .helpers import school  # noqa: F401
