# ruff: noqa: S101 (pytest tests assert)
"""Counts for the school owner and the county (no names), and the measures calendar."""

import csv
import datetime
import io

import pytest
from pypdf import PdfReader

from jurisdictions.no_troms_transition import measures, overview
from jurisdictions.no_troms_transition.models import MeasureCompletion
from plugins.models import Person

from .conftest import answer_consents, plan_for, screened_row

pytestmark = pytest.mark.django_db
BASE = "/j/no-troms-transition"


@pytest.fixture
def screened(area):
    screened_row(area, area.add_student("Sindre", "Kvalvik"))  # ordinary
    screened_row(area, area.add_student("Marte", "Lyngmo"), large_deviation="Very shy")
    consented = plan_for(area, area.add_student("Eilif", "Tverrelv"))
    answer_consents(area, consented)
    plan_for(area, area.add_student("Hedda", "Storvoll"))  # waiting for consent
    return area


def names():
    return [p.full_name for p in Person.objects.all()] + [
        n for p in Person.objects.all() for n in (p.given_name, p.family_name)
    ]


def test_counts_per_school_and_class(screened):
    year = overview.current_year()
    counts = overview.owner_counts(screened.municipality, year)
    (school,) = counts.schools
    (klass,) = school.classes
    assert (klass.name, klass.screened, klass.proposed) == ("10B", 4, 3)
    assert (klass.transition, klass.consented, klass.plans) == (2, 1, 2)


def test_county_overview_has_numbers_and_no_names(verified_client, screened, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    client = verified_client(screened.county_officer)
    html = client.get(f"{BASE}/overview/county/")
    assert html.status_code == 200
    page = html.content.decode()
    assert screened.school.name in page and "10B" in page
    response = client.get(f"{BASE}/overview/county/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][3:8] == [
        "Screened",
        "Proposed",
        "Transition students",
        "Consent given",
        "Plans running",
    ]
    # Four pupils in one class: every count is below 5 and shown only as "<5".
    assert rows[1][:8] == [
        screened.municipality.name,
        screened.school.name,
        "10B",
        "<5",
        "<5",
        "<5",
        "<5",
        "<5",
    ]
    pdf = client.get(f"{BASE}/overview/county/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    pdf_text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert screened.school.name in pdf_text
    for name in names():
        assert name not in page, f"{name} in the county page"
        assert name not in text, f"{name} in the county CSV"
        assert name not in pdf_text, f"{name} in the county PDF"


def test_overviews_need_the_role(verified_client, screened, other_area):
    for user in (
        screened.rektor,
        screened.upper_staff,
        screened.guardians[screened.students[0].pk],
    ):
        client = verified_client(user)
        assert client.get(f"{BASE}/overview/county/").status_code == 404
        assert client.get(f"{BASE}/overview/owner/").status_code == 404
        assert client.get(f"{BASE}/overview/county/export.csv").status_code == 404
    assert verified_client(screened.owner).get(f"{BASE}/overview/owner/").status_code == 200
    assert verified_client(screened.owner).get(f"{BASE}/overview/nobody/").status_code == 404
    # The other county's officer sees only their own county.
    page = verified_client(other_area.county_officer).get(f"{BASE}/overview/county/")
    assert screened.school.name not in page.content.decode()


HOSTILE = [
    "=HYPERLINK(1)",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\tplain",
    "\rplain",
    " =1+1",
    "   +cmd|' /C calc'!A0",
    "\n=1",
    " \t @x",
    "\u00a0=1",
]
HARMLESS = ["10B", "Fjordbakken", "a=b", "", "1-2", "Nord-Troms", "'already"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_hostile_csv_cells_are_quoted(cell):
    assert overview._safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", HARMLESS)
def test_harmless_csv_cells_are_unchanged(cell):
    assert overview._safe(cell) == cell


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_arrive_quoted_in_the_export(verified_client, area, name):
    area.school.name = name
    area.school.save()
    area.group.name = name
    area.group.save()
    screened_row(area)
    text = (
        verified_client(area.owner)
        .get(f"{BASE}/overview/owner/export.csv")
        .content.decode("utf-8-sig")
    )
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[1] == row[2] == "'" + name


def test_csv_cells_are_not_formulas(verified_client, area):
    area.school.name = "=HYPERLINK(1)"
    area.school.save()
    screened_row(area)
    text = (
        verified_client(area.owner)
        .get(f"{BASE}/overview/owner/export.csv")
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK(1)" in text


def test_measures_are_declared_as_deadlines():
    from plugins.registry import registry

    j = registry.get("no-troms-transition")
    codes = {d.code for d in j.deadlines}
    assert {"unit-screen", "unit-contact", "owner-evaluation", "region-dialogue-2"} <= codes
    screen = next(d for d in j.deadlines if d.code == "unit-screen")
    assert (screen.day, screen.month, screen.responsible) == (1, 10, "rektor")
    owner_months = sorted(m.month for m in measures.of_level(measures.OWNER))
    assert {8, 9, 10, 11, 12, 1, 2, 3} <= set(owner_months)
    assert [m.month for m in measures.of_level(measures.REGION)] == [9, 12, 4]


def test_overdue_unit_measures_are_visible_to_the_school_owner(verified_client, area):
    year = overview.current_year()
    later = datetime.date(year.starts.year + 1, 7, 1)  # end of the school year: all due
    assert measures.overdue_count(area.school, measures.UNIT, year, later) == 6
    rektor = verified_client(area.rektor)
    response = rektor.post(f"{BASE}/measures/{area.school.pk}/unit-screen/", {"done": "1"})
    assert response.status_code == 302
    assert MeasureCompletion.objects.filter(
        organisation=area.school, measure="unit-screen"
    ).exists()
    assert measures.overdue_count(area.school, measures.UNIT, year, later) == 5
    counts = overview.owner_counts(area.municipality, year, later)
    assert counts.schools[0].overdue == 5
    page = verified_client(area.owner).get(f"{BASE}/measures/").content.decode()
    assert area.school.name in page and "Overdue measures at the schools" in page


def test_only_the_responsible_marks_a_measure(verified_client, area, other_area):
    url = f"{BASE}/measures/{area.school.pk}/unit-screen/"
    assert verified_client(other_area.rektor).post(url, {"done": "1"}).status_code == 404
    assert verified_client(area.owner).post(url, {"done": "1"}).status_code == 404
    owner_url = f"{BASE}/measures/{area.municipality.pk}/owner-sep/"
    assert verified_client(area.rektor).post(owner_url, {"done": "1"}).status_code == 404
    assert verified_client(area.owner).post(owner_url, {"done": "1"}).status_code == 302
    county_url = f"{BASE}/measures/{area.county.pk}/region-dialogue-1/"
    assert verified_client(area.county_officer).post(county_url, {"done": "1"}).status_code == 302
    assert not MeasureCompletion.objects.filter(organisation=area.school).exists()
    assert verified_client(area.upper_staff).get(f"{BASE}/measures/").status_code == 404


# -- small counts are hidden (statistical disclosure control) ------------------------------
def flagged_class(area, name, pupils, flagged):
    """A class of ``pupils`` screened pupils, ``flagged`` of them proposed (a large deviation)."""
    from plugins.models import Group

    area.group, _ = Group.objects.get_or_create(
        school=area.school, school_year=area.group.school_year, name=name, defaults={"grade": 10}
    )
    for i in range(pupils):
        fields = {"large_deviation": "Very shy"} if i < flagged else {}
        screened_row(area, area.add_student(f"Pupil{name}{i}", f"Family{name}{i}"), **fields)


@pytest.fixture
def small_classes(area):
    flagged_class(area, "10B", 6, 1)  # one flagged pupil
    flagged_class(area, "10C", 7, 2)  # two flagged pupils
    return area


def test_small_counts_are_suppressed_in_the_table(small_classes):
    year = overview.current_year()
    (school,) = overview.owner_counts(small_classes.municipality, year).schools
    table = overview.suppressed_table(school)
    assert [r.name for r in table.rows] == ["10B", "10C"]
    by_name = {r.name: dict(zip(overview.COLUMNS, r.cells, strict=True)) for r in table.rows}
    assert by_name["10B"] == {
        "screened": "6",
        "proposed": "<5",
        "transition": "0",
        "consented": "0",
        "plans": "0",
    }
    assert by_name["10C"]["screened"] == "7" and by_name["10C"]["proposed"] == "<5"
    totals = dict(zip(overview.COLUMNS, table.totals, strict=True))
    # 13 screened is safe; the proposed total (3) would add up the two hidden cells: hidden.
    assert totals == {
        "screened": "13",
        "proposed": ":",
        "transition": "0",
        "consented": "0",
        "plans": "0",
    }


@pytest.mark.parametrize(
    ("cells", "expected_cells", "expected_total"),
    [
        ([0, 0], ["0", "0"], "0"),
        ([5, 7], ["5", "7"], "12"),
        ([1, 9], ["<5", "9"], ":"),  # one hidden cell: the total would give it away
        ([2, 2], ["<5", "<5"], ":"),  # two hidden: their sum 4 would tell both are 2
        ([4, 6], ["<5", "6"], ":"),
        ([3], ["<5"], ":"),  # a total of hidden counts is hidden too
        ([5], ["5"], "5"),
        ([], [], "0"),
    ],
)
def test_the_suppression_rule(cells, expected_cells, expected_total):
    shown, total = overview.suppress_column(cells, threshold=5)
    assert (shown, total) == (expected_cells, expected_total)


def test_the_threshold_is_a_setting(small_classes, settings):
    settings.PORTAL_SMALL_COUNT_THRESHOLD = 2
    year = overview.current_year()
    (school,) = overview.owner_counts(small_classes.municipality, year).schools
    table = overview.suppressed_table(school)
    assert [r.cells[1] for r in table.rows] == ["<2", "2"]
    assert table.totals[1] == ":"


def test_no_page_or_file_shows_a_small_count(verified_client, small_classes, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    for user, level in ((small_classes.owner, "owner"), (small_classes.county_officer, "county")):
        client = verified_client(user)
        page = client.get(f"{BASE}/overview/{level}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Counts below 5 are shown as" in html
        assert "so that no pupil can be identified" in html
        cells = [c for row in page.context["owners"] for s in row.schools for c in s.table.rows]
        assert [c.cells[1] for c in cells] == ["<5", "<5"]
        assert "<td>1</td>" not in html and "<td>2</td>" not in html
        assert "<td>3</td>" not in html  # the proposed total
        assert "<td>&lt;5</td>" in html and "<td>13</td>" in html

        text = client.get(f"{BASE}/overview/{level}/export.csv").content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))[1:]
        assert [(r[2], r[3], r[4]) for r in rows] == [("10B", "6", "<5"), ("10C", "7", "<5")]
        for r in rows:
            assert not set(r[3:8]) & {"1", "2", "3", "4"}

        pdf = client.get(f"{BASE}/overview/{level}/report.pdf")
        pdf_text = "\n".join(
            p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
        )
        assert "<5" in pdf_text and "so that no pupil can be identified" in pdf_text
