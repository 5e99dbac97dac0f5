# ruff: noqa: S101 (pytest tests assert)
"""The guardian and the student sign the transition consent in their language (issue 17, item 3)."""

import pytest
from django.utils import translation

from jurisdictions.no_troms_transition import consents
from jurisdictions.no_troms_transition.models import PlanStatus
from plugins.registry import registry
from tests.plugins.consent.signing import sees_and_signs

from .conftest import plan_for

pytestmark = pytest.mark.django_db


def rendered(plan, language):
    with translation.override(language):
        return consents.consent_text(plan, language)


@pytest.mark.parametrize("language", registry.get("no-troms-transition").signing_language_codes())
def test_guardian_and_student_see_and_sign_the_consent_in_their_language(
    area, verified_client, language
):
    plan = plan_for(area)
    asked = consents.current(plan)
    expected = rendered(plan, language)
    with translation.override(language):
        heading = translation.gettext("Transition follow-up from lower to upper secondary school")
    assert expected.startswith(heading) and plan.upper_school.name in expected
    if language == "nb":
        assert expected.startswith("Oppfølging i overgangen fra ungdomsskole til videregående")
    guardian = area.guardians[plan.student_id]
    sees_and_signs(
        verified_client(guardian), guardian, asked[consents.GUARDIAN], language, expected
    )
    student = plan.student.person.user
    sees_and_signs(verified_client(student), student, asked[consents.STUDENT], language, expected)
    plan.refresh_from_db()
    assert consents.consent_state(plan) == consents.GIVEN
    assert plan.status == PlanStatus.ACTIVE
