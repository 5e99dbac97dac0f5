# ruff: noqa: S101 (pytest tests assert)
"""Rektor and counsellor saving the same record at once: the second is told, keeps their text.

The pages answer a refused form with 400, as for any other form error here.
"""

from decimal import Decimal

import pytest

from jurisdictions.no_troms_transition.models import PlanStep, SchoolData, ScreeningRow
from tests.conftest import posted_form as posted

from .conftest import answer_consents, plan_for, school_data, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"
CONFLICT = "Someone else saved this while you were writing."


def race(area, verified_client, *, page, post, key, name, texts, stored):
    """Both open ``page``; the rektor saves first, the counsellor second with the old version."""
    first_text, second_text = texts
    first, second = verified_client(area.rektor), verified_client(area.counsellor)
    page_first, page_second = first.get(page), second.get(page)
    assert page_first.status_code == page_second.status_code == 200
    version = page_second.context[key]["version"].value()
    assert version and version == page_first.context[key]["version"].value()
    assert f'name="version" value="{version}"' in page_second.content.decode()

    assert first.post(post, posted(page_first, key, **{name: first_text})).status_code == 302
    late = second.post(post, posted(page_second, key, **{name: second_text}))
    assert late.status_code == 400
    html = late.content.decode()
    assert html.count(CONFLICT) == 1
    assert late.context[key][name].value() == second_text
    assert second_text in html  # their text is kept in the form
    assert stored() == first_text

    # After reloading, the counsellor saves on top of the rektor.
    fresh = second.get(page)
    assert fresh.context[key]["version"].value() != version
    assert second.post(post, posted(fresh, key, **{name: second_text})).status_code == 302
    assert stored() == second_text
    return late


def test_screening_row(area, verified_client):
    row = screened_row(area, assessment="Needs a closer look.")
    race(
        area,
        verified_client,
        page=f"{BASE}/rows/{row.pk}/",
        post=f"{BASE}/rows/{row.pk}/edit/",
        key="form",
        name="assessment",
        texts=("First words", "Second words"),
        stored=lambda: ScreeningRow.objects.get(pk=row.pk).assessment,
    )


def test_school_figures(area, verified_client):
    row = screened_row(area)
    data = school_data(row, absence_percent=5)
    late = race(
        area,
        verified_client,
        page=f"{BASE}/rows/{row.pk}/",
        post=f"{BASE}/rows/{row.pk}/school-data/",
        key="data_form",
        name="absence_percent",
        texts=("7,5", "9,5"),
        stored=lambda: f"{SchoolData.objects.get(pk=data.pk).absence_percent}".replace(".", ","),
    )
    assert SchoolData.objects.get(pk=data.pk).absence_percent == Decimal("9.5")
    # Two forms on the page, each with its own hidden version input.
    html = late.content.decode()
    assert html.count('id="id_version"') == 1 and html.count('id="id_data_version"') == 1


def test_plan_step(area, verified_client):
    plan = answer_consents(area, plan_for(area))  # both consents start the plan
    step = plan.steps.get(code="contact")
    url = f"{BASE}/plans/{plan.pk}/steps/{step.pk}/"
    race(
        area,
        verified_client,
        page=url,
        post=url,
        key="form",
        name="note",
        texts=("First words", "Second words"),
        stored=lambda: PlanStep.objects.get(pk=step.pk).note,
    )


def test_marking_the_step_done_meanwhile_is_no_conflict(area, verified_client):
    """Done is not on the form: the note is saved and the rektor's mark stays."""
    plan = answer_consents(area, plan_for(area))  # both consents start the plan
    step = plan.steps.get(code="contact")
    url = f"{BASE}/plans/{plan.pk}/steps/{step.pk}/"
    counsellor = verified_client(area.counsellor)
    page = counsellor.get(url)
    verified_client(area.rektor).post(f"{BASE}/plans/{plan.pk}/steps/{step.pk}/done/")
    assert counsellor.post(url, posted(page, note="Called home")).status_code == 302
    step.refresh_from_db()
    assert step.done_at is not None and step.note == "Called home"


def test_figures_for_a_new_year_save_without_a_version(area, verified_client):
    row = screened_row(area)
    client = verified_client(area.counsellor)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    assert page.context["data_form"]["version"].value() in (None, "")
    response = client.post(
        f"{BASE}/rows/{row.pk}/school-data/", posted(page, "data_form", absence_percent="6,5")
    )
    assert response.status_code == 302
    assert SchoolData.objects.get(student=row.student).absence_percent == Decimal("6.5")


MISSING = "Your changes were not saved: the form did not say which version of the record"


@pytest.mark.parametrize("version", [None, "", "   ", "not-a-date", "2020-01-01T00:00:00+00:00"])
def test_an_edit_without_a_valid_version_is_refused(area, verified_client, version):
    """Leaving out the version (or sending rubbish) must not skip the check."""
    row = screened_row(area, assessment="Needs a closer look.")
    client = verified_client(area.counsellor)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    data = posted(page, assessment="Overwritten")
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    response = client.post(f"{BASE}/rows/{row.pk}/edit/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert (MISSING in html) or (CONFLICT in html)
    assert "Overwritten" in html  # their text is kept in the form
    assert ScreeningRow.objects.get(pk=row.pk).assessment == "Needs a closer look."


@pytest.mark.parametrize("version", [None, ""])
def test_a_missing_version_is_named_as_such(area, verified_client, version):
    row = screened_row(area)
    data = school_data(row, absence_percent=5)
    client = verified_client(area.rektor)
    page = client.get(f"{BASE}/rows/{row.pk}/")
    sent = posted(page, "data_form", absence_percent="9,5")
    if version is None:
        del sent["version"]
    else:
        sent["version"] = version
    response = client.post(f"{BASE}/rows/{row.pk}/school-data/", sent)
    assert response.status_code == 400
    assert response.content.decode().count(MISSING) == 1
    assert SchoolData.objects.get(pk=data.pk).absence_percent == Decimal("5")
