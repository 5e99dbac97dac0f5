"""A precondition of a workflow step, with the message shown when it fails.

Kept apart from the services so that any of them (consent's ``consent_guard``,
the SDK's declarations) can make one without importing the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Guard:
    """A precondition of a transition, with the message shown when it fails."""

    label: str
    test: Callable[[Any], bool]
    message: str
