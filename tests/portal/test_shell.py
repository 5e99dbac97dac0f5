"""The site shell: menus, start page, error pages, and names plugins cannot shadow (issue 16)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, RequestContext, Template
from django.test import Client, RequestFactory
from django.utils import translation

from plugins.audit.models import AuditEvent


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def user(username):
    return get_user_model().objects.get(username=username)


def menu(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(r"<a [^>]*>(.*?)</a>", nav, re.S)]


# -- 2: a page's context cannot shadow the shell -------------------------------------------


def test_a_page_context_named_like_the_shell_does_not_break_it(demo, verified_client):
    from plugins.notifications.context_processors import unread

    guardian = user("demo-guardian")
    request = RequestFactory().get("/family/")
    request.user = guardian
    guardian.is_verified = lambda: True
    request.session = {}
    template = Template('{% extends "base.html" %}{% block content %}x{% endblock %}')
    # What the rs_pravilnik case page passed: a list of notices, and other shell-like names.
    context = RequestContext(
        request,
        {"notices": [{"text": "a"}], "plugin_menu": 5, "LANGUAGE_TAG": "xx", "site_name": 1},
    )
    html = template.render(context)
    assert '<html lang="en">' in html
    assert "unread" in html  # the badge counts the person's notices
    assert unread(request)["shell_notices"].user == guardian


# -- 7: menus ---------------------------------------------------------------------------------


def test_a_norwegian_guardian_is_not_offered_the_serbian_module(demo, verified_client):
    html = verified_client(user("demo-guardian2")).get("/family/").content.decode()
    entries = menu(html)
    assert "My children" in entries
    assert not any("Serbia" in e for e in entries)
    assert "IOP" not in entries  # never a bare "IOP"


def test_the_coordinator_sees_her_jurisdiction_once_by_name_and_no_family_entry(
    demo, verified_client
):
    html = verified_client(user("demo-coordinator")).get("/j/no-iskole/").content.decode()
    entries = menu(html)
    assert entries.count("IOP (Norway)") == 1
    assert "My children" not in entries
    assert not any("Serbia" in e or "IUP" in e for e in entries)
    assert 'aria-current="page"' in html or 'aria-current="true"' in html


def test_serbian_staff_see_only_the_serbian_module(demo, verified_client):
    entries = menu(verified_client(user("demo-rs-team")).get("/j/rs-pravilnik/").content.decode())
    assert "Individual education plan (Serbia)" in entries
    assert not any("Norway" in e or "IUP" in e or e == "My children" for e in entries)


def test_anonymous_visitors_get_no_case_menu(demo):
    entries = menu(Client().get("/search/").content.decode())
    assert entries == ["Guidance", "Search"]


# -- 8: each user lands on their own start page ----------------------------------------------


@pytest.mark.parametrize(
    ("username", "landing"),
    [
        ("demo-coordinator", "/j/no-iskole/"),
        ("demo-rs-team", "/j/rs-pravilnik/"),
        ("demo-se-mentor", "/j/se-iup/"),
        ("demo-guardian", "/family/"),
        ("demo-guardian2", "/family/"),
        ("demo-troms-upper", "/j/no-troms-transition/"),
        ("demo-editor", "/admin/"),
    ],
)
def test_after_sign_in_each_person_lands_on_their_start_page(
    demo, verified_client, username, landing
):
    from django.conf import settings

    assert settings.LOGIN_REDIRECT_URL == "/start/"
    response = verified_client(user(username)).get("/start/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_someone_with_work_in_two_places_chooses(demo, verified_client):
    from plugins.models import Organisation, RoleAssignment

    coordinator = user("demo-coordinator")
    serbian = Organisation.objects.filter(jurisdictions__icontains="rs-pravilnik").first()
    RoleAssignment.objects.create(
        person=coordinator.person, role="team", organisation=serbian, jurisdiction="rs-pravilnik"
    )
    response = verified_client(coordinator).get("/start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/j/no-iskole/"' in html and 'href="/j/rs-pravilnik/"' in html
    assert "Where do you want to start?" in html


def test_the_start_page_needs_sign_in(demo):
    response = Client().get("/start/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# -- 4: error pages in the shell, in the reader's language, with a way back -------------------


def test_a_missing_case_page_answers_in_the_shell_with_a_way_back(demo, verified_client, settings):
    settings.DEBUG = False
    client = verified_client(user("demo-coordinator"))
    response = client.get(
        "/j/no-iskole/applications/999999/", HTTP_REFERER="http://testserver/j/no-iskole/"
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "Page not found" in html
    assert 'href="http://testserver/j/no-iskole/"' in html
    assert 'href="/start/"' in html
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )


def test_an_error_page_speaks_the_readers_language(demo, verified_client, settings):
    settings.DEBUG = False
    client = verified_client(user("demo-coordinator"))
    client.cookies["django_language"] = "nb"
    with translation.override("nb"):
        response = client.get("/j/no-iskole/applications/999999/", HTTP_ACCEPT_LANGUAGE="nb")
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Page not found" not in html


def test_a_forbidden_action_answers_in_the_shell(demo, verified_client):
    from django.core.exceptions import PermissionDenied

    from portal.views import permission_denied

    request = RequestFactory().get("/j/no-iskole/x/")
    request.user = user("demo-teacher")
    request.session = {}
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site-header"' in html and "Not allowed" in html and 'href="/start/"' in html


def test_the_500_page_has_the_shell_and_the_language(settings):
    from portal.views import server_error

    with translation.override("sv"):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="sv">' in html and 'class="site-header"' in html


# -- 13: opening a form is a read, saving it is a change -------------------------------------


def test_opening_a_form_is_logged_as_opened_not_as_a_change(demo, verified_client):
    from jurisdictions.rs_pravilnik.models import Iop

    iop = Iop.objects.first()
    client = verified_client(user("demo-rs-team"))
    before = AuditEvent.objects.count()
    response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/evaluations/new/")
    assert response.status_code == 200
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert rows and {r.action for r in rows} == {"view"}


def test_a_template_without_request_still_renders_the_shell():
    html = Template('{% extends "base.html" %}').render(Context({"shell_language_tag": "nn"}))
    assert '<html lang="nn">' in html
