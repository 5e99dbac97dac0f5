import datetime

import pytest

from plugins.models import Organisation, SchoolYear, majority_cutoff
from plugins.sdk import builders as b

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "birth,on,age,expected",
    [
        (datetime.date(2008, 11, 23), datetime.date(2026, 11, 23), 18, True),  # 18th birthday
        (datetime.date(2008, 11, 24), datetime.date(2026, 11, 23), 18, False),  # one day short
        (datetime.date(2008, 11, 23), datetime.date(2026, 11, 22), 18, False),
        (datetime.date(2010, 1, 1), datetime.date(2026, 11, 23), 16, True),  # per-jurisdiction age
        (datetime.date(2008, 2, 29), datetime.date(2026, 2, 28), 18, False),  # leap-day birth:
        (datetime.date(2008, 2, 29), datetime.date(2026, 3, 1), 18, True),  # of age on 1 March
    ],
)
def test_is_of_age(birth, on, age, expected):
    st = b.student()
    st.birth_date = birth
    assert st.is_of_age(age, on=on) is expected


def test_default_age_of_majority_from_settings(settings):
    st = b.student(age=17)
    assert not st.is_of_age()
    settings.PORTAL_DEFAULT_AGE_OF_MAJORITY = 16
    assert st.is_of_age()


def test_majority_cutoff_leap_day():
    assert majority_cutoff(18, datetime.date(2028, 2, 29)) == datetime.date(2010, 2, 28)


def test_age_on():
    st = b.student()
    st.birth_date = datetime.date(2010, 6, 15)
    assert st.age_on(datetime.date(2026, 6, 14)) == 15
    assert st.age_on(datetime.date(2026, 6, 15)) == 16


def test_organisation_tree():
    school = b.school()
    county = Organisation.objects.create(kind="county", name="C", slug="c-1")
    school.parent.parent = county
    school.parent.save()
    assert [o.pk for o in school.ancestors()] == [school.parent.pk, county.pk]
    assert school.owner() == school.parent
    assert school.is_school and not county.is_school


def test_school_year_name():
    assert SchoolYear.name_for(datetime.date(2026, 11, 23)) == "2026/27"
    assert SchoolYear.name_for(datetime.date(2027, 3, 1)) == "2026/27"
    assert SchoolYear.name_for(datetime.date(2027, 8, 1)) == "2027/28"
