"""What a family signs is in the signer's language (issue 17, item 3).

A request keeps one version of the text per language the jurisdiction signs in,
each pinned by its own SHA-256; the page shows the reader's version, the receipt
records the language and fingerprint of the version signed, and the receipt PDF
is in that language.
"""

import hashlib
import importlib
import io
import re

import pypdf
import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext

from plugins import consent
from plugins.consent.models import (
    AppendOnlyError,
    ConsentReceipt,
    ConsentRequest,
    ConsentVersion,
)
from plugins.registry import registry

from .conftest import TEXT

pytestmark = pytest.mark.django_db
SPEC = "case-approval"
ALL = [code for code, _name in settings.LANGUAGES]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def renderer(case, extra=""):
    """The document as the plugin writes it: translated strings, in the language asked for."""

    def render(language):
        return (
            f"{gettext('What you are asked to agree to')} [{translation.get_language()}/{language}]"
            f"\n{case.summary}{extra}"
        )

    return render


def expected(case, language, extra=""):
    with translation.override(language):
        return renderer(case, extra)(language)


def versions(req) -> dict[str, str]:
    return {v.language: v.text for v in req.versions.all()}


@pytest.fixture
def only_en_nb(monkeypatch):
    dummy = registry.get("dummy")
    monkeypatch.setattr(dummy, "signing_languages", ("en", "nb"))
    return dummy


def page(client, req, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(f"/family/consents/{req.pk}/").content.decode()


# -- the service --------------------------------------------------------------------------------


def test_a_request_keeps_one_version_per_signing_language(family):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    assert sorted(versions(req)) == sorted(ALL)
    for version in req.versions.all():
        text = expected(family.case, version.language)
        assert version.text == text and version.content_hash == sha(text)
    assert "Dette blir du bedt om å samtykke til [nb/nb]" in versions(req)["nb"]
    assert "Det här ombeds du samtycka till [sv/sv]" in versions(req)["sv"]
    # The request itself names its version in the jurisdiction's official language.
    assert req.language == "en" and req.content_hash == sha(expected(family.case, "en"))


def test_asking_again_is_idempotent_only_while_every_version_is_unchanged(family):
    first = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    assert consent.request_consent(family.case, SPEC, content=renderer(family.case)).pk == first.pk

    def one_language_changed(language):
        text = renderer(family.case)(language)
        return text + " (endret)" if language == "nn" else text

    second = consent.request_consent(family.case, SPEC, content=one_language_changed)
    first.refresh_from_db()
    assert second.pk != first.pk and first.status == ConsentRequest.Status.SUPERSEDED


def test_a_jurisdiction_limits_the_signing_languages(family, only_en_nb):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    assert sorted(versions(req)) == ["en", "nb"]


def test_plain_content_is_one_version_in_the_language_given(family):
    req = consent.request_consent(family.case, SPEC, content=TEXT)
    assert versions(req) == {"en": TEXT}  # the dummy plugin's official language
    other = consent.request_consent(family.case, SPEC, content=TEXT, language="nb")
    assert versions(other) == {"nb": TEXT} and other.language == "nb"


def test_the_receipt_pins_the_language_and_the_version_signed(family, http):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    nb = req.versions.get(language="nb")
    receipt = consent.sign(req, http(family.g1), version=nb.content_hash)
    assert (receipt.language, receipt.content_hash) == ("nb", sha(expected(family.case, "nb")))
    assert consent.is_granted(family.case, SPEC, content=renderer(family.case))
    assert not consent.is_granted(family.case, SPEC, content=renderer(family.case, " endret"))
    # Without a version named, the signer signs the version in their active language.
    case2 = type(family.case).objects.create(student=family.student, status="shared", summary="B")
    req2 = consent.request_consent(case2, SPEC, content=renderer(case2))
    with translation.override("sv"):
        receipt2 = consent.sign(req2, http(family.g1))
    assert receipt2.language == "sv"
    assert receipt2.content_hash == req2.versions.get(language="sv").content_hash


def test_languages_with_the_same_text_are_told_apart_by_the_language_shown(family, http):
    # A catalogue without the strings: Swedish and English read the same.
    req = consent.request_consent(family.case, SPEC, content=lambda language: TEXT)
    assert (
        req.versions.get(language="sv").content_hash == req.versions.get(language="en").content_hash
    )
    receipt = consent.sign(req, http(family.g1), version=sha(TEXT), language="sv")
    assert (receipt.language, receipt.content_hash) == ("sv", sha(TEXT))


def test_signing_a_version_that_is_not_this_requests_records_nothing(family, http):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    with pytest.raises(consent.NotOpen):
        consent.sign(req, http(family.g1), version=sha("some other text"))
    req.refresh_from_db()
    assert req.status == ConsentRequest.Status.PENDING
    assert not ConsentReceipt.objects.exists()


def test_versions_are_append_only(family):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    version = req.versions.first()
    version.content = b"changed"
    with pytest.raises(AppendOnlyError):
        version.save()
    with pytest.raises(AppendOnlyError):
        ConsentVersion.objects.filter(request=req).delete()


# -- the pages ----------------------------------------------------------------------------------


def test_the_reader_sees_and_signs_the_text_in_their_language(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    client = verified_client(family.g1)
    for language in ALL:
        html = page(client, req, language)
        version = req.versions.get(language=language)
        tag = settings.LANGUAGE_TAGS.get(language, language)
        assert f'lang="{tag}"' in html
        assert f"[{language}/{language}]" in html
        assert f'name="version" value="{version.content_hash}"' in html
        assert version.content_hash in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    nn = req.versions.get(language="nn")
    response = client.post(
        f"/family/consents/{req.pk}/answer/",
        {"decision": "sign", "read": "on", "version": nn.content_hash},
    )
    assert response.status_code == 302
    receipt = ConsentReceipt.objects.get()
    assert (receipt.language, receipt.content_hash) == ("nn", nn.content_hash)


def test_a_language_the_jurisdiction_does_not_sign_in_shows_the_official_text(
    family, verified_client, only_en_nb
):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    html = page(verified_client(family.g1), req, "sv")
    en = req.versions.get(language="en")
    assert "[en/en]" in html and "[sv/sv]" not in html
    assert 'class="consent-document" lang="en"' in html
    assert f'name="version" value="{en.content_hash}"' in html
    assert 'class="note language-note"' in html  # says so, in the reader's language


def test_a_stale_or_wrong_version_is_not_signed(family, verified_client):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    client = verified_client(family.g1)
    response = client.post(
        f"/family/consents/{req.pk}/answer/",
        {"decision": "sign", "read": "on", "version": sha("what the page showed yesterday")},
        follow=True,
    )
    assert response.status_code == 200
    assert "Read it again before you answer." in response.content.decode()
    assert not ConsentReceipt.objects.exists()
    req.refresh_from_db()
    assert req.status == ConsentRequest.Status.PENDING


def test_the_receipt_pdf_is_in_the_signers_language_and_names_it(family, http, verified_client):
    req = consent.request_consent(family.case, SPEC, content=renderer(family.case))
    receipt = consent.sign(
        req, http(family.g1), version=req.versions.get(language="nb").content_hash
    )
    client = verified_client(family.g1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the reader's language does not matter
    response = client.get(f"/family/consents/receipts/{receipt.pk}/")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert reader.trailer["/Root"].get("/Lang") == "nb"
    assert "Samtykkekvittering" in text  # the title, in Norwegian
    assert "Norsk bokmål" in text  # the language signed, stated
    assert "[nb/nb]" in text  # the version signed, not another
    assert receipt.content_hash in re.sub(r"\s+", "", text)


# -- the declaration and existing data ----------------------------------------------------------


def test_signing_languages_are_declared_and_checked(monkeypatch):
    dummy = registry.get("dummy")
    assert dummy.signing_language_codes() == tuple(ALL)
    assert dummy.official_language_code() == "en"
    assert dummy.describe()["signing_languages"] == ALL
    monkeypatch.setattr(dummy, "signing_languages", ("nb", "xx"))
    with pytest.raises(ImproperlyConfigured, match="signing language 'xx'"):
        dummy.validate()
    monkeypatch.setattr(dummy, "signing_languages", ("nb", "sv"))
    with pytest.raises(ImproperlyConfigured, match="official language 'en'"):
        dummy.validate()


def test_the_migration_gives_an_old_request_one_version_in_the_official_language(family):
    from django.apps import apps

    req = consent.request_consent(family.case, SPEC, content=TEXT)
    ConsentVersion._base_manager.filter(request=req).delete()  # as before the migration
    ConsentRequest.objects.filter(pk=req.pk).update(language="")
    migration = importlib.import_module("plugins.consent.migrations.0002_consentversion")
    migration.add_versions(apps, None)
    req.refresh_from_db()
    assert versions(req) == {"en": TEXT} and req.language == "en"
    assert req.versions.get().content_hash == req.content_hash
