"""CSRF: a POST without the token is refused with 403 on every view, and changes nothing."""

from __future__ import annotations

import hashlib
import re
import uuid

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from .conftest import demo_users, signed_in

CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
#: Third-party areas with their own CSRF handling, not portal views.
SKIP_PREFIXES = ("django-admin/", "admin/", "api/v2/", "documents/", "static/", "media/")


def routes(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(p.pattern)
        if route.startswith("^") or "(?P" in route:  # regex routes (Wagtail's catch-all)
            continue
        if isinstance(p, URLResolver):
            yield from routes(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route


def concrete(route: str) -> str:
    def value(m):
        conv = m["conv"] or "str"
        return {"int": "1", "uuid": str(uuid.uuid4()), "path": "x"}.get(conv, "x")

    return "/" + CONVERTER.sub(value, route)


def portal_urls() -> list[str]:
    urls = []
    for route in routes():
        if route.startswith(SKIP_PREFIXES) or route == "":
            continue
        urls.append(concrete(route))
    return sorted(set(urls))


def fingerprint() -> dict:
    """Row counts of every table, and a hash of every case record table."""
    from plugins.registry import registry

    found = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"  # signing the clients in
    }
    for j in registry.all():
        for name in j.record_types:
            model = j.record_model(name)
            rows = model._default_manager.order_by("pk").values_list()
            found[f"{j.code}.{name}"] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return found


def changed(before: dict, after: dict) -> dict:
    return {
        k: (before.get(k), after.get(k))
        for k in set(before) | set(after)
        if before.get(k) != after.get(k)
    }


def test_every_post_without_token_is_refused(world):
    urls = portal_urls()
    must_cover = (
        "/j/no-iskole/",
        "/j/rs-pravilnik/",
        "/j/se-iup/",
        "/j/no-troms-transition/",
        "/family/consents/1/answer/",
        "/notifications/read-all/",
        "/drafts/save/",
        "/accounts/logout/",
        "/cases/1/close/",
    )
    for prefix in must_cover:
        assert any(u.startswith(prefix) for u in urls), prefix
    users = {u.username: u for u in demo_users()}
    clients = {
        name: signed_in(users[name], enforce_csrf_checks=True)
        for name in ("demo-coordinator", "demo-guardian", "demo-rs-team", "demo-se-mentor")
    }
    before = fingerprint()
    accepted = []
    for username, client in clients.items():
        for url in urls:
            response = client.post(url, {"text": "<b>x</b>", "comment": "x", "token": "1"})
            if response.status_code != 403:
                accepted.append((username, url, response.status_code))
    assert not accepted, "POST without a CSRF token was not refused:\n" + "\n".join(
        f"  {u} POST {url} -> {s}" for u, url, s in accepted
    )
    assert not changed(before, fingerprint())


def test_representative_posts_with_real_ids_are_refused(world):
    """State-changing posts on records the user may change, still refused without the token."""
    from jurisdictions.no_iskole.models import Iop, StudentApplication
    from jurisdictions.rs_pravilnik.models import SupportCase
    from jurisdictions.se_iup.models import DevelopmentPlan, Goal
    from plugins.consent.models import ConsentRequest
    from plugins.models import GuardianRelation, Student

    users = {u.username: u for u in demo_users()}
    relation = GuardianRelation.objects.filter(guardian__user=users["demo-guardian"]).first()
    cases = [
        ("demo-coordinator", f"/j/no-iskole/iop/{Iop.objects.first().pk}/edit/"),
        ("demo-coordinator", f"/j/no-iskole/iop/{Iop.objects.first().pk}/log/"),
        (
            "demo-guardian",
            f"/j/no-iskole/applications/{StudentApplication.objects.first().pk}/edit/",
        ),
        (
            "demo-rs-team",
            f"/j/rs-pravilnik/cases/{SupportCase.objects.first().pk}/observations/new/",
        ),
        ("demo-se-mentor", f"/j/se-iup/plans/{DevelopmentPlan.objects.first().pk}/comment/"),
        ("demo-se-mentor", f"/j/se-iup/goals/{Goal.objects.first().pk}/comment/"),
        ("demo-guardian", f"/family/consents/{ConsentRequest.objects.first().pk}/answer/"),
        ("demo-guardian", "/notifications/read-all/"),
        ("demo-guardian", "/drafts/save/"),
    ]
    henrik = Student.objects.get(person__given_name="Henrik", person__family_name="Aune")
    ola = Student.objects.get(person__given_name="Ola", person__family_name="Solvang")
    cases += [
        ("demo-coordinator", f"/cases/{ola.pk}/close/"),
        ("demo-coordinator", f"/cases/{henrik.pk}/reopen/"),
        ("demo-coordinator", f"/cases/{henrik.pk}/delete/"),
    ]
    if relation is not None:
        cases.append(
            (
                "demo-guardian",
                f"/family/children/{relation.student_id}/guardians/{relation.pk}/access/",
            )
        )
    clients = {name: signed_in(users[name], enforce_csrf_checks=True) for name, _ in cases}
    before = fingerprint()
    for username, url in cases:
        client = clients[username]
        response = client.post(
            url,
            {
                "text": "x",
                "comment": "x",
                "decision": "yes",
                "confirm": "on",
                "left_on": "2020-01-01",
            },
        )
        assert response.status_code == 403, (username, url, response.status_code)
    assert not changed(before, fingerprint())
    henrik.refresh_from_db()
    ola.refresh_from_db()
    assert ola.left_on is None and henrik.left_on is not None
