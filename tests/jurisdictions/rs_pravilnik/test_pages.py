# ruff: noqa: S101 (pytest tests assert)
"""Tests of this plugin's own pages. Run from the portal's checkout:

    pytest -c pyproject.toml path/to/rs_pravilnik/tests.py

The role matrix and the workflow are tested by the core's conformance
suite: ``pytest tests/conformance -k rs-pravilnik``.
"""

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from jurisdictions.rs_pravilnik.models import Plan, PlanStatus
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """Sign ``user`` in with a verified second factor, as the portal asks of every page."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_list_shows_only_the_plans_the_user_may_see(client):
    child = b.student()
    shared = Plan.objects.create(student=child, status=PlanStatus.SHARED)
    Plan.objects.create(student=child, status=PlanStatus.DRAFT)  # not shared yet
    Plan.objects.create(student=b.student(), status=PlanStatus.SHARED)  # another child
    sign_in(client, b.guardian_of(child))
    response = client.get("/j/rs-pravilnik/")
    assert response.status_code == 200
    assert list(response.context["plans"]) == [shared]
    assert f'href="/j/rs-pravilnik/plans/{shared.pk}/"' in response.content.decode()


def test_detail_answers_404_for_another_childs_plan(client):
    child = b.student()
    own = Plan.objects.create(student=child, status=PlanStatus.SHARED)
    other = Plan.objects.create(student=b.student(), status=PlanStatus.SHARED)
    sign_in(client, b.guardian_of(child))
    assert client.get(f"/j/rs-pravilnik/plans/{own.pk}/").status_code == 200
    assert client.get(f"/j/rs-pravilnik/plans/{other.pk}/").status_code == 404


def test_coordinator_sees_the_steps_they_may_take(client):
    plan = Plan.objects.create(student=b.student(), status=PlanStatus.DRAFT)
    sign_in(client, b.role_holder("coordinator", plan.student.school))
    response = client.get(f"/j/rs-pravilnik/plans/{plan.pk}/")
    assert response.status_code == 200
    assert [t.name for t in response.context["transitions"]] == ["share"]
    assert response.context["may_edit"] is True


def test_pages_need_a_login(client):
    plan = Plan.objects.create(student=b.student(), status=PlanStatus.SHARED)
    for url in ("/j/rs-pravilnik/", f"/j/rs-pravilnik/plans/{plan.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
