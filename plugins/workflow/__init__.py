"""Public API of the workflow service."""

from .engine import (
    GuardFailed,
    InvalidState,
    StepUpRequired,
    TransitionDenied,
    TransitionError,
    UnknownTransition,
    allowed_transitions,
    fire,
    history,
    labelled_history,
    transition_label,
)

__all__ = [
    "GuardFailed",
    "InvalidState",
    "StepUpRequired",
    "TransitionDenied",
    "TransitionError",
    "UnknownTransition",
    "allowed_transitions",
    "fire",
    "history",
    "labelled_history",
    "transition_label",
]
