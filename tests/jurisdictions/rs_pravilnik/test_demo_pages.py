# ruff: noqa: S101 (pytest tests assert)
"""Every demo case and IOP page opens for the staff who run it (issue 16, findings 2 and 3)."""

import re

import pytest
from django.contrib.auth import get_user_model

from jurisdictions.rs_pravilnik.models import Iop, SupportCase

pytestmark = pytest.mark.django_db

DEMO_SCHOOLS = ["os-javorov-list", "pu-suncica"]


def _demo_cases():
    return SupportCase.objects.filter(student__school__slug__in=DEMO_SCHOOLS).order_by("pk")


def _case_of(given_name):
    return _demo_cases().get(student__person__given_name=given_name)


@pytest.mark.parametrize("username", ["demo-rs-team", "demo-rs-director"])
def test_every_demo_case_and_iop_page_opens_for_team_and_director(demo, verified_client, username):
    """The refused case answered 500: its ``notices`` collided with the shell's badge."""
    client = verified_client(get_user_model().objects.get(username=username))
    cases = list(_demo_cases())
    assert len(cases) >= 9
    failures = {}
    for case in cases:
        response = client.get(f"/j/rs-pravilnik/cases/{case.pk}/")
        if response.status_code != 200:
            failures[f"case {case.pk} ({case.student.name})"] = response.status_code
    for iop in Iop.objects.filter(case__in=cases):
        response = client.get(f"/j/rs-pravilnik/iops/{iop.pk}/")
        if response.status_code != 200:
            failures[f"iop {iop.pk}"] = response.status_code
    assert client.get("/j/rs-pravilnik/").status_code == 200
    assert not failures, failures


def test_the_refused_case_shows_the_welfare_notice_to_the_team(demo, verified_client):
    team = get_user_model().objects.get(username="demo-rs-team")
    case = _case_of("Јована")
    response = verified_client(team).get(f"/j/rs-pravilnik/cases/{case.pk}/")
    assert response.status_code == 200
    assert "Центар за социјални рад Јаворовац" in response.content.decode()


def _links(html):
    return re.findall(r'href="([^"]+)"', html)


def test_staff_see_the_consent_state_on_the_case_page_not_a_family_link(demo, verified_client):
    """After the proposal the team's link went to /family/consents/<id>/, a 404 for staff."""
    team = get_user_model().objects.get(username="demo-rs-team")
    client = verified_client(team)
    milica = _case_of("Милица")  # proposal submitted, form 6 waiting for the parent
    response = client.get(f"/j/rs-pravilnik/cases/{milica.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    links = _links(html)
    family_pages = [link for link in links if re.match(r"^/family/consents/\d+/", link)]
    assert not family_pages, family_pages
    # Every link the page offers the team opens for the team (no 404 behind a link).
    for link in links:
        if link.startswith("/j/rs-pravilnik/") and not link.endswith(".pdf") and "?" not in link:
            assert client.get(link).status_code == 200, link
    # The state of the request is on the page itself: waiting, since when, who signs.
    section = html.split('id="consent-h"', 1)[1].split("</section>", 1)[0]
    assert "Waiting for an answer" in section
    assert "Asked on" in section


def test_staff_see_who_signed_and_can_open_the_receipt(demo, verified_client):
    director = get_user_model().objects.get(username="demo-rs-director")
    client = verified_client(director)
    stefan = _case_of("Стефан")  # form 6 signed by the parent
    html = client.get(f"/j/rs-pravilnik/cases/{stefan.pk}/").content.decode()
    section = html.split('id="consent-h"', 1)[1].split("</section>", 1)[0]
    assert "Signed" in section and "Ивана Николић" in section
    receipts = [link for link in _links(section) if "/receipts/" in link]
    assert receipts, section
    response = client.get(receipts[0])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
