"""Store, read and clear drafts; sign the keys a form hands to the browser."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .models import Draft

KEY_MAX_LENGTH = 200
_SALT = "plugins.drafts.key"


class BadDraftToken(Exception):
    """The token is not one this server gave to this person (or it is too old)."""


def draft_key(instance, field: str) -> str:
    """``<app>.<model>.<pk>.<field>``: the key of one saved record's field."""
    if instance is None or instance.pk is None:
        raise ValueError("A record without a primary key has no draft key: pass one explicitly.")
    meta = instance._meta
    return f"{meta.app_label}.{meta.model_name}.{instance.pk}.{field}"


def max_chars() -> int:
    return int(getattr(settings, "PORTAL_DRAFT_MAX_CHARS", 100_000))


def sign_key(user, key: str) -> str:
    """The token a form gives the browser: the key, bound to this person.

    The save endpoint accepts only such tokens, so a person stores drafts
    only for fields a permission-checked page showed them.
    """
    return signing.dumps({"u": user.pk, "k": key}, salt=_SALT, compress=False)


def read_token(user, token: str) -> str:
    """The key inside ``token``; ``BadDraftToken`` unless it was signed for ``user``."""
    max_age = int(getattr(settings, "PORTAL_DRAFT_TOKEN_MAX_AGE_SECONDS", 24 * 3600))
    try:
        data = signing.loads(str(token), salt=_SALT, max_age=max_age)
    except signing.BadSignature as exc:  # also SignatureExpired
        raise BadDraftToken(str(exc)) from None
    if not isinstance(data, dict) or data.get("u") != user.pk or not isinstance(data.get("k"), str):
        raise BadDraftToken("token of another person")
    return data["k"]


def save_draft(user, key: str, text: str) -> Draft:
    if len(key) > KEY_MAX_LENGTH:
        raise ValueError("draft key too long")
    draft, _ = Draft.objects.update_or_create(
        user=user, key=key, defaults={"text": text, "updated": timezone.now()}
    )
    return draft


def get_draft(user, key: str) -> Draft | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Draft.objects.filter(user=user, key=key).first()


def clear_draft(user, *keys: str) -> int:
    """Forget ``user``'s drafts for ``keys``: call it once the form is saved."""
    if not keys or not getattr(user, "is_authenticated", False):
        return 0
    deleted, _ = Draft.objects.filter(user=user, key__in=keys).delete()
    return deleted


def purge_stale_drafts(days: int | None = None) -> int:
    """Delete drafts untouched for ``days`` (``PORTAL_DRAFT_MAX_AGE_DAYS``, default 30)."""
    if days is None:
        days = int(getattr(settings, "PORTAL_DRAFT_MAX_AGE_DAYS", 30))
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = Draft.objects.filter(updated__lt=cutoff).delete()
    return deleted
