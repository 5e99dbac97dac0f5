"""Forms that do not lose work: drafts per person and field, expiry, offer back, consent boxes."""

import datetime
import html
import json
import re

import pytest
from django import forms
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins import drafts
from plugins.drafts.models import Draft
from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TYPED = "Goals for the spring term:\n- read 20 minutes a day\n- ask for help in maths\n"


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def case_and_coordinator(db):
    student = b.student()
    coordinator = b.role_holder("coordinator", student.school)
    case = Case.objects.create(student=student, summary="The saved summary.")
    return case, coordinator


def edit_url(case):
    return f"/j/dummy/cases/{case.pk}/edit/"


def token_in(page: str) -> str:
    return html.unescape(re.search(r'data-token="([^"]+)"', page).group(1))


def save(client, token, text):
    return client.post(
        "/drafts/save/",
        json.dumps({"token": token, "text": text}),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def offered_text(page: str):
    """The draft text shown in the offer box of the page, or None."""
    match = re.search(r'<pre class="draft-text" data-draft-text>\n(.*?)</pre>', page, re.S)
    return html.unescape(match.group(1)) if match else None


def textarea_value(page: str) -> str:
    match = re.search(r'<textarea name="summary"[^>]*>\n(.*?)</textarea>', page, re.S)
    return html.unescape(match.group(1))


# --- the save endpoint ----------------------------------------------------------


def test_save_needs_a_signed_in_person_and_answers_json(
    client, case_and_coordinator, verified_client
):
    case, coordinator = case_and_coordinator
    token = token_in(verified_client(coordinator).get(edit_url(case)).content.decode())

    response = save(client, token, "text")  # nobody signed in
    assert response.status_code == 401
    assert response.json() == {"error": "signed-out"}
    assert "no-store" in response["Cache-Control"]

    client.force_login(coordinator)  # password only, no second factor
    response = save(client, token, "text")
    # The second-factor middleware sends a password-only session to verify first.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/verify/")
    assert not Draft.objects.exists()


def test_save_stores_the_text_per_person_and_key(case_and_coordinator, verified_client, settings):
    case, coordinator = case_and_coordinator
    c = verified_client(coordinator)
    token = token_in(c.get(edit_url(case)).content.decode())

    response = save(c, token, TYPED)
    assert response.status_code == 200
    data = response.json()
    assert data["saved"] is True and re.fullmatch(r"\d\d:\d\d", data["time"])
    assert data["idle_seconds"] == settings.SESSION_COOKIE_AGE
    assert 0 < data["absolute_remaining"] <= settings.PORTAL_SESSION_ABSOLUTE_SECONDS

    draft = Draft.objects.get()
    assert (draft.user, draft.key, draft.text) == (
        coordinator,
        f"dummy_jurisdiction.case.{case.pk}.summary",
        TYPED,
    )
    assert save(c, token, TYPED + "more").status_code == 200
    assert Draft.objects.get().text == TYPED + "more"  # one row per person and field


def test_save_refuses_a_token_not_made_for_this_person(case_and_coordinator, verified_client):
    case, coordinator = case_and_coordinator
    colleague = b.role_holder("coordinator", case.student.school)
    token = token_in(verified_client(coordinator).get(edit_url(case)).content.decode())

    c2 = verified_client(colleague)
    assert save(c2, token, "not mine").status_code == 400
    assert save(c2, "made-up", "not mine").status_code == 400
    assert save(c2, drafts.sign_key(colleague, "x") + "tampered", "t").status_code == 400
    assert not Draft.objects.exists()


def test_save_refuses_very_long_text(case_and_coordinator, verified_client, settings):
    settings.PORTAL_DRAFT_MAX_CHARS = 50
    case, coordinator = case_and_coordinator
    c = verified_client(coordinator)
    token = token_in(c.get(edit_url(case)).content.decode())
    assert save(c, token, "x" * 51).status_code == 413
    assert save(c, token, "x" * 50).status_code == 200


def test_only_the_author_reads_a_draft(case_and_coordinator, verified_client):
    case, coordinator = case_and_coordinator
    colleague = b.role_holder("coordinator", case.student.school)
    c1 = verified_client(coordinator)
    token = token_in(c1.get(edit_url(case)).content.decode())
    save(c1, token, TYPED)

    mine = c1.get("/drafts/draft/", {"token": token}, HTTP_ACCEPT="application/json")
    assert mine.status_code == 200 and mine.json()["text"] == TYPED

    c2 = verified_client(colleague)
    assert c2.get("/drafts/draft/", {"token": token}).status_code == 404  # someone else's token
    own_token = token_in(c2.get(edit_url(case)).content.decode())
    assert c2.get("/drafts/draft/", {"token": own_token}).status_code == 404  # same field, no draft
    page = c2.get(edit_url(case)).content.decode()
    assert TYPED.splitlines()[1] not in page  # never offered to a colleague


# --- the form: expiry and offer back ------------------------------------------------


def test_draft_survives_a_session_expiry_and_is_offered_after_signing_in_again(
    client, case_and_coordinator
):
    case, coordinator = case_and_coordinator
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)

    def sign_in(step=0):
        client.post(
            LOGIN,
            {
                "login_view-current_step": "auth",
                "auth-username": coordinator.username,
                "auth-password": "test-pass-2026",
            },
        )
        device.refresh_from_db()
        # A code is accepted once; the second sign-in uses the next 30-second step.
        code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + step):06d}"
        return client.post(LOGIN, {"login_view-current_step": "token", "token-otp_token": code})

    response = client.get(edit_url(case))
    assert response.status_code == 302
    assert sign_in().status_code == 302
    page = client.get(edit_url(case)).content.decode()
    assert offered_text(page) is None
    save(client, token_in(page), TYPED)

    # The session ends (server side) while the person is still typing.
    Session.objects.all().delete()
    response = client.get(edit_url(case))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert save(client, token_in(page), TYPED + "lost?").status_code == 401
    response = sign_in(step=1)
    assert response.status_code == 302
    page = client.get(edit_url(case)).content.decode()
    assert "You have unsaved text from" in page
    assert offered_text(page) == TYPED
    assert textarea_value(page) == "The saved summary."  # nothing overwritten behind their back
    assert f'href="{edit_url(case)}?restore_draft=summary"' in page

    # "Restore it" (works without JavaScript) puts the draft into the field.
    restored = client.get(edit_url(case), {"restore_draft": "summary"}).content.decode()
    assert textarea_value(restored) == TYPED
    assert offered_text(restored) is None

    # Saving the form keeps the text and forgets the draft.
    response = client.post(edit_url(case), {"summary": TYPED})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary.replace("\r\n", "\n") == TYPED.strip()  # forms strip the ends
    assert not Draft.objects.exists()
    assert offered_text(client.get(edit_url(case)).content.decode()) is None


def test_a_draft_equal_to_the_saved_text_is_not_offered(case_and_coordinator, verified_client):
    case, coordinator = case_and_coordinator
    c = verified_client(coordinator)
    token = token_in(c.get(edit_url(case)).content.decode())
    save(c, token, "The saved summary.")
    assert offered_text(c.get(edit_url(case)).content.decode()) is None
    save(c, token, "Something else")
    assert offered_text(c.get(edit_url(case)).content.decode()) == "Something else"


def test_discard_without_javascript(case_and_coordinator, verified_client):
    case, coordinator = case_and_coordinator
    c = verified_client(coordinator)
    token = token_in(c.get(edit_url(case)).content.decode())
    save(c, token, TYPED)
    page = c.get(edit_url(case)).content.decode()
    discard = html.unescape(re.search(r'<a href="([^"]+)" data-draft-discard>', page).group(1))

    confirm = c.get(discard)
    assert confirm.status_code == 200
    assert "Discard unsaved text?" in confirm.content.decode()
    assert Draft.objects.exists()  # a GET never deletes

    response = c.post("/drafts/discard/", {"token": token, "next": edit_url(case)})
    assert response.status_code == 302 and response["Location"] == edit_url(case)
    assert not Draft.objects.exists()
    save(c, token, TYPED)
    response = c.post("/drafts/discard/", {"token": token, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_discard_from_the_script(case_and_coordinator, verified_client, client):
    case, coordinator = case_and_coordinator
    c = verified_client(coordinator)
    token = token_in(c.get(edit_url(case)).content.decode())
    save(c, token, TYPED)
    body = json.dumps({"token": token})
    anonymous = client.post("/drafts/discard/", body, content_type="application/json")
    assert anonymous.status_code == 401 and Draft.objects.exists()
    response = c.post("/drafts/discard/", body, content_type="application/json")
    assert response.status_code == 200 and response.json() == {"discarded": 1}
    assert not Draft.objects.exists()


def test_ping_keeps_the_session_and_says_how_long_it_lasts(
    case_and_coordinator, verified_client, client, settings
):
    _, coordinator = case_and_coordinator
    assert client.post("/drafts/ping/").status_code == 401
    c = verified_client(coordinator)
    before = Session.objects.get().expire_date
    response = c.post("/drafts/ping/")
    assert response.status_code == 200
    assert response.json()["idle_seconds"] == settings.SESSION_COOKIE_AGE
    assert Session.objects.get().expire_date >= before  # renewed (SESSION_SAVE_EVERY_REQUEST)
    assert c.get("/drafts/ping/").status_code == 405


def test_edit_page_checks_the_matrix(case_and_coordinator, verified_client):
    case, _ = case_and_coordinator
    teacher = b.teacher_of(case.student)  # may view, not edit
    stranger = b.user()
    assert verified_client(teacher).get(edit_url(case)).status_code == 403
    assert verified_client(stranger).get(edit_url(case)).status_code == 404


def test_form_page_loads_the_script_without_inline_code(
    case_and_coordinator, verified_client, settings
):
    case, coordinator = case_and_coordinator
    page = verified_client(coordinator).get(edit_url(case)).content.decode()
    assert '<script src="/static/drafts/autosave.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script
    assert " on" + "input=" not in page and "onclick=" not in page
    assert f'data-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert f'data-warn-seconds="{settings.PORTAL_SESSION_WARN_SECONDS}"' in page
    assert 'data-msg-stay="Stay signed in"' in page
    assert 'role="status" aria-live="polite"' in page


def test_purge_removes_old_drafts_only(case_and_coordinator):
    _, coordinator = case_and_coordinator
    old = drafts.save_draft(coordinator, "a.b.1.c", "old")
    Draft.objects.filter(pk=old.pk).update(updated=timezone.now() - datetime.timedelta(days=31))
    drafts.save_draft(coordinator, "a.b.2.c", "new")
    assert drafts.purge_stale_drafts(30) == 1
    assert list(Draft.objects.values_list("text", flat=True)) == ["new"]


def test_autosave_needs_a_key_for_a_new_record(rf, case_and_coordinator):
    _, coordinator = case_and_coordinator

    class NewCaseForm(forms.ModelForm):
        class Meta:
            model = Case
            fields = ["summary"]

    request = rf.get("/")
    request.user = coordinator
    request.session = {}
    with pytest.raises(ValueError):
        drafts.autosave(NewCaseForm(), request, "summary")
    keys = drafts.autosave(NewCaseForm(), request, summary="dummy.case.new.summary")
    assert keys == {"summary": "dummy.case.new.summary"}


# --- boxes never ticked in advance ------------------------------------------------


class ConsentForm(forms.ModelForm):
    visible_to_teachers = drafts.ConsentField(required=False, label="I agree")

    class Meta:
        model = Case
        fields = ["visible_to_teachers"]


class CarelessForm(forms.Form):
    consent_given = forms.BooleanField(required=False, initial=True)
    participated = forms.BooleanField(required=False)
    newsletter = forms.BooleanField(required=False, initial=True)


def test_consent_field_is_never_preticked_even_when_the_record_says_yes(case_and_coordinator):
    case, _ = case_and_coordinator
    case.visible_to_teachers = True
    form = ConsentForm(instance=case)
    assert "checked" not in str(form["visible_to_teachers"])
    assert drafts.preticked_boxes(form) == []
    drafts.assert_never_preticked(form)
    # After an error it is still the person's act to tick it again.
    bound = ConsentForm({"visible_to_teachers": "on"}, instance=case)
    assert "checked" not in str(bound["visible_to_teachers"])


def test_the_check_finds_preticked_consent_and_participation_boxes():
    form = CarelessForm(initial={"participated": True})
    assert drafts.preticked_boxes(form) == ["consent_given", "participated"]  # not "newsletter"
    with pytest.raises(AssertionError, match="consent_given, participated"):
        drafts.assert_never_preticked(form)
    assert drafts.preticked_boxes(CarelessForm(initial={"consent_given": False})) == []
    assert drafts.preticked_boxes(form, names=["newsletter"]) == ["newsletter"]
