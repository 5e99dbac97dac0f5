"""The unread count for the header badge, counted only when a page shows it."""

from __future__ import annotations

from django.utils.functional import cached_property


class NoticeBadge:
    """``{{ shell_notices.unread }}``: one COUNT query, on first use, per response."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        from .service import unread_count

        return unread_count(self.user)


def unread(request):
    """``shell_notices`` for people who passed the second factor; nothing for anyone else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    is_verified = getattr(user, "is_verified", None)
    if not callable(is_verified) or not is_verified():
        return {}
    return {"shell_notices": NoticeBadge(user)}
