"""The main IOP pages answer in a number of queries that does not grow with the rows shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions.no_iskole.models import ApplicationStatus, IopDocument, LogEntry, Stage
from jurisdictions.no_iskole.services import ensure_subject_plan
from plugins.sdk import builders as b

from .helpers import make_application, make_iop

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_student_list_queries_do_not_grow_with_students(school, verified_client):
    client = verified_client(school.coordinator)
    url = reverse("no-iskole:index")
    for _ in range(3):
        make_application(
            school, ApplicationStatus.REGISTERED, student=b.student(school_org=school.school)
        )
    few = queries(client, url)
    for _ in range(25):
        st = b.student(school_org=school.school)
        make_application(school, ApplicationStatus.GRANTED, student=st)
    many = queries(client, url)
    assert many <= few, f"{few} queries for 3 students, {many} for 28"


def test_iop_page_queries_do_not_grow_with_subjects_documents_and_log(school, verified_client):
    iop = make_iop(school, Stage.PUBLISHED_TO_FAMILY)
    url = reverse("no-iskole:iop", args=[iop.pk])
    coordinator = verified_client(school.coordinator)
    teacher = verified_client(school.maths_teacher)
    before = {"coordinator": queries(coordinator, url), "teacher": queries(teacher, url)}
    for n in range(8):
        ensure_subject_plan(iop, b.subject(f"X{n}"))
        LogEntry.objects.create(iop=iop, author_name="C", text=f"entry {n}")
        IopDocument.objects.create(
            student=school.student,
            owner="no-iskole",
            record_type="IopDocument",
            title=f"Doc {n}",
            file="documents/x.pdf",
            sha256="0" * 64,
            visible_to_teachers=bool(n % 2),
        )
    after = {"coordinator": queries(coordinator, url), "teacher": queries(teacher, url)}
    for who in before:
        assert after[who] <= before[who], f"{who}: {before[who]} -> {after[who]} queries"
