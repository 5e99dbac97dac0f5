"""A family member reads and signs a consent in their language, through the pages.

Shared by the jurisdictions' ``test_signing_language`` tests.
"""

from django.conf import settings
from django.urls import reverse

from plugins.consent import ConsentReceipt


def sees_and_signs(client, user, req, language, expected_text):
    """``user`` (with ``client`` signed in) reads ``req`` in ``language`` and signs it.

    Checks the version in ``language`` is ``expected_text``, that the page shows
    it marked with its language and without a "not in your language" note, and
    that the receipt pins that language and version. Returns the receipt.
    """
    version = req.versions.get(language=language)
    assert version.text == expected_text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("consent:detail", args=[req.pk])).content.decode()
    tag = settings.LANGUAGE_TAGS.get(language, language)
    assert f'class="consent-document" lang="{tag}"' in page
    assert f'name="version" value="{version.content_hash}"' in page
    assert f'name="language" value="{language}"' in page
    assert "language-note" not in page
    response = client.post(
        reverse("consent:answer", args=[req.pk]),
        {"decision": "sign", "read": "on", "version": version.content_hash, "language": language},
    )
    assert response.status_code == 302
    receipt = ConsentReceipt.objects.filter(request=req, signer=user).latest("pk")
    assert receipt.decision == "signed"
    assert (receipt.language, receipt.content_hash) == (language, version.content_hash)
    return receipt
