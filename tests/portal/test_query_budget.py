"""The family start page answers in a number of queries that does not grow with the plans."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jurisdictions.no_iskole.models import Iop, Stage
from plugins.models import SchoolYear
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_family_start_page_queries_do_not_grow_with_plans(verified_client):
    child = b.student()
    guardian = b.guardian_of(child)
    client = verified_client(guardian)
    Iop.objects.create(student=child, school_year=b.school_year(), stage=Stage.PUBLISHED_TO_FAMILY)
    few, _html = queries(client, "/family/")
    for year in range(2010, 2018):
        past = SchoolYear.objects.create(
            name=f"{year}/{year + 1}",
            starts=datetime.date(year, 8, 1),
            ends=datetime.date(year + 1, 6, 30),
        )
        Iop.objects.create(student=child, school_year=past, stage=Stage.ANNUAL_REPORT_PUBLISHED)
    many, html = queries(client, "/family/")
    assert html.count("/j/no-iskole/iop/") == 9
    assert many <= few, f"{few} queries for one plan, {many} for nine"
