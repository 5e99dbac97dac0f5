"""Guardians and the student confirm the IUP agreement in their own language (issue 17, item 3)."""

import pytest
from django.utils import translation

from jurisdictions.se_iup import rules
from jurisdictions.se_iup.models import PlanStatus
from plugins.consent import current_request
from plugins.registry import registry
from tests.plugins.consent.signing import sees_and_signs

from .conftest import make_goal, make_plan

pytestmark = pytest.mark.django_db
HEADINGS = {"sv": "Individuell utvecklingsplan", "en": "Individual development plan"}


def rendered(plan, language):
    with translation.override(language):
        return rules.agreement_text(plan, language)


@pytest.mark.parametrize("language", registry.get("se-iup").signing_language_codes())
def test_a_guardian_and_the_student_see_and_confirm_the_agreement_in_their_language(
    world, verified_client, language
):
    plan = make_plan(
        world.ada, PlanStatus.TALK_HELD, mentor=world.mentor, agreement="Ada läser varje dag."
    )
    make_goal(plan)
    rules.ask_for_confirmation(plan, world.mentor)
    expected = rendered(plan, language)
    assert expected.startswith(HEADINGS.get(language, ""))
    assert "Ada läser varje dag." in expected

    guardians = current_request(plan, rules.SPEC_GUARDIANS)
    sees_and_signs(verified_client(world.ada_mum), world.ada_mum, guardians, language, expected)
    # Every guardian signs, each in their own language: the other one reads Swedish.
    sees_and_signs(
        verified_client(world.ada_dad), world.ada_dad, guardians, "sv", rendered(plan, "sv")
    )
    student = current_request(plan, rules.SPEC_STUDENT)
    sees_and_signs(verified_client(world.ada_user), world.ada_user, student, language, expected)
    guardians.refresh_from_db()
    assert guardians.status == "signed"
    rows = {row["code"]: row for row in rules.confirmations(plan)}
    assert rows[rules.SPEC_GUARDIANS]["granted"]
    assert not rows[rules.SPEC_GUARDIANS]["outdated"]


def test_the_default_agreement_text_is_swedish(world):
    plan = make_plan(world.ada, PlanStatus.TALK_HELD, mentor=world.mentor, agreement="A")
    with translation.override("en"):
        assert rules.agreement_text(plan).startswith(HEADINGS["sv"])
