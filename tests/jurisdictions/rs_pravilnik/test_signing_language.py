"""A parent reads and signs form 6 in their own language and script (issue 17, item 3)."""

import pytest
from django.utils import translation

from jurisdictions.rs_pravilnik.effects import information_text
from jurisdictions.rs_pravilnik.models import CaseStatus, SupportCase
from plugins import consent
from plugins.registry import registry
from tests.plugins.consent.signing import sees_and_signs

from .conftest import fire_as
from .test_gates import _groundwork

pytestmark = pytest.mark.django_db
#: The heading of the written information, in the rulebook's terms.
HEADINGS = {
    "sr-cyrl": "Писано обавештење родитељу",
    "sr-latn": "Pisano obaveštenje roditelju",
    "en": "Written information to the parent",
}


@pytest.mark.parametrize("language", registry.get("rs-pravilnik").signing_language_codes())
def test_a_parent_sees_and_signs_the_information_in_their_language(
    world, verified_client, language
):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.OBSERVATION)
    _groundwork(case)
    fire_as(case, "propose", world.team)
    req = consent.current_request(case, "iop-consent")
    with translation.override(language):
        expected = information_text(case, language)
    assert expected.startswith(HEADINGS.get(language, ""))
    sees_and_signs(verified_client(world.parent), world.parent, req, language, expected)
    req.refresh_from_db()
    assert req.status == "signed"
    assert consent.is_granted(
        case, "iop-consent", content=lambda lang: information_text(case, lang)
    )


def test_the_official_text_is_in_cyrillic(world):
    case = SupportCase.objects.create(student=world.student, status=CaseStatus.OBSERVATION)
    _groundwork(case)
    fire_as(case, "propose", world.team)
    req = consent.current_request(case, "iop-consent")
    assert req.language == "sr-cyrl"
    assert bytes(req.content).decode().startswith(HEADINGS["sr-cyrl"])
