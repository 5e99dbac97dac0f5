"""A guardian reads and approves the application in their own language (issue 17, item 3)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from jurisdictions.no_iskole.models import ApplicationStatus as A
from jurisdictions.no_iskole.services import approval_text
from plugins.consent import ConsentReceipt, current_request, is_granted
from plugins.registry import registry

from .helpers import make_application

pytestmark = pytest.mark.django_db
SPEC = "application-approval"
#: Words of the approval text in the official terms of the plugin's catalogues.
EXPECTED = {
    "nb": ("Fag det søkes om", "Mål med opplæringen"),
    "nn": ("Fag det blir søkt om", "Mål med opplæringa"),
    "en": ("Subjects applied for", "Goals of the education"),
}


def rendered(app, language):
    with translation.override(language):
        return approval_text(app, language)


def test_the_approval_text_is_no_english_fstring_but_the_readers_language(school):
    app = make_application(school, A.REGISTERED, goals="Lese med forståelse.")
    for language, words in EXPECTED.items():
        text = approval_text(app, language)
        assert all(word in text for word in words), (language, text)
        assert "Lese med forståelse." in text and school.maths.name in text
    assert approval_text(app, "nb") != approval_text(app, "en")


@pytest.mark.parametrize("language", registry.get("no-iskole").signing_language_codes())
def test_a_guardian_sees_and_signs_the_application_in_their_language(
    school, verified_client, language
):
    app = make_application(school, A.REGISTERED, goals="Lese med forståelse.")
    verified_client(school.coordinator).post(
        reverse("no-iskole:application-step", args=[app.pk, "publish"])
    )
    req = current_request(app, SPEC)
    version = req.versions.get(language=language)
    assert version.text == rendered(app, language)
    for word in EXPECTED.get(language, ()):
        assert word in version.text

    family = verified_client(school.guardian)
    family.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = family.get(reverse("consent:detail", args=[req.pk])).content.decode()
    tag = settings.LANGUAGE_TAGS.get(language, language)
    assert f'class="consent-document" lang="{tag}"' in page
    assert f'name="version" value="{version.content_hash}"' in page
    assert "language-note" not in page

    family.post(
        reverse("consent:answer", args=[req.pk]),
        {"decision": "sign", "read": "on", "version": version.content_hash},
    )
    receipt = ConsentReceipt.objects.get(request=req)
    assert (receipt.language, receipt.content_hash) == (language, version.content_hash)
    app.refresh_from_db()
    assert app.status == A.APPROVED
    assert is_granted(app, SPEC, approval_text(app))


def test_the_school_application_to_the_county_is_in_the_official_language(school):
    from jurisdictions.no_iskole.bundles import school_application_bundle

    from .helpers import school_application

    sa = school_application(school)
    app = make_application(school, A.UNDER_CONSIDERATION, school_application=sa)
    with translation.override("en"):  # whoever builds it, in whatever language
        sections = school_application_bundle(user=school.coordinator, school_application_id=sa.pk)
    assert [s.student_id for s in sections] == [app.student_id]
    rendered = sections[0].items[0]
    assert rendered.language == "nb"
    assert rendered.title == "Søknad om spesialundervisning"
