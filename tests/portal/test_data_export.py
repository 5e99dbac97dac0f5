"""A family's right of access: everything about the child as JSON and as one PDF."""

import io
import json

import pytest
from pypdf import PdfReader

from plugins.audit.models import AuditEvent
from plugins.models import Student
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


def test_guardian_downloads_everything_as_json_and_pdf(demo, verified_client):
    from django.contrib.auth import get_user_model

    guardian = get_user_model().objects.get(username="demo-guardian")
    ola = demo["students"]["ola"]
    client = verified_client(guardian)
    page = client.get(f"/family/children/{ola.pk}/data/")
    assert page.status_code == 200

    response = client.get(f"/family/children/{ola.pk}/data.json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["student"] == "Ola Solvang"
    models = {s["model"] for s in data["sections"] if s["rows"]}
    # Core rows and the IOP module's application, unpublished parts included.
    assert {"plugins.student", "plugins.guardianrelation", "no_iskole.studentapplication"} <= models
    consent = next(s for s in data["sections"] if s["model"] == "consent.consentrequest")
    assert "Ola Solvang" in consent["rows"][0]["content"]
    assert "Emil" not in response.content.decode()  # nothing of another child

    pdf = client.get(f"/family/children/{ola.pk}/data.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Ola Solvang" in text and "Expert assessment from PPT" in text
    assert AuditEvent.objects.filter(student=ola, action="download").count() >= 2


def test_no_export_of_another_childs_data(demo, verified_client):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.get(username="demo-guardian2")
    ola = demo["students"]["ola"]
    client = verified_client(other)
    for suffix in ("data/", "data.json", "data.pdf"):
        assert client.get(f"/family/children/{ola.pk}/{suffix}").status_code == 404


def test_a_student_under_age_does_not_export_but_one_of_age_does(verified_client):
    child = b.student(age=15, with_user=True)
    assert (
        verified_client(child.person.user).get(f"/family/children/{child.pk}/data.json").status_code
        == 403
    )
    adult = b.student(age=19, with_user=True)
    response = verified_client(adult.person.user).get(f"/family/children/{adult.pk}/data.json")
    assert response.status_code == 200
    assert json.loads(response.content)["student"] == Student.objects.get(pk=adult.pk).name
