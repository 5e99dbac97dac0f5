"""Lazy translations are accepted wherever a declaration holds a label or marking."""

import io
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext_lazy
from pypdf import PdfReader

from plugins.documents import render_pdf
from plugins.sdk import Jurisdiction, Role, relations
from plugins.sdk.jurisdiction import DeclaredText


class LazyJurisdiction(Jurisdiction):
    code = "lazy-probe"
    name = gettext_lazy("Approved")
    version = "0.1.0"
    confidentiality = gettext_lazy("Approved")
    roles = (Role("guardian", gettext_lazy("Approved"), relations.guardian_of_student),)


def probe(cls=LazyJurisdiction):
    return cls(SimpleNamespace(label="lazy_probe"))


def test_a_lazy_marking_reads_as_plain_text_in_the_active_language():
    j = probe()
    assert isinstance(LazyJurisdiction.__dict__["confidentiality"], DeclaredText)
    with translation.override("en"):
        assert type(j.confidentiality) is str and j.confidentiality == "Approved"
        assert "Approved" in f"x {j.confidentiality} y"  # ``in`` needs a str on the left
    with translation.override("nb"):
        assert j.confidentiality == "Godkjent"
        assert j.name == "Godkjent"
        assert j.describe()["name"] == "Godkjent"


def test_a_plain_marking_stays_as_written():
    class Plain(LazyJurisdiction):
        confidentiality = "Unntatt offentlighet"

    assert Plain.__dict__["confidentiality"] == "Unntatt offentlighet"
    assert probe(Plain).confidentiality == "Unntatt offentlighet"


def test_validation_accepts_lazy_texts_and_refuses_other_values():
    probe().validate()  # lazy name, marking and role label are fine

    class Broken(LazyJurisdiction):
        roles = (Role("guardian", ("Guardian",), relations.guardian_of_student),)

    with pytest.raises(ImproperlyConfigured, match="role 'guardian' label must be text"):
        probe(Broken).validate()


@pytest.mark.slow
def test_a_lazy_marking_is_printed_on_the_pdf(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    j = probe()
    with translation.override("nb"):
        pdf = render_pdf(
            "documents/print_base.html",
            {},
            title="Plan",
            student_name="Probe Student",
            confidentiality=j.confidentiality,
            language="nb",
        )
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert j.confidentiality in text and "Godkjent" in text
