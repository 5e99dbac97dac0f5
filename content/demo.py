"""Fictional demo data: a county, two municipalities, three schools, people.

Every name here is invented, and written in the language of the country (the
Norwegian schools and subjects in bokmål). Loading is idempotent: each object is
found by a stable key (slug, code, username) and updated in place, so loading
twice changes nothing and a database loaded with older names is renamed in place.
"""

from __future__ import annotations

import base64
import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.models import Group as SchoolGroup
from plugins.models import (
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    SchoolYear,
    Student,
    Subject,
    TeachingAssignment,
)

DEMO_PASSWORD = "demo-pass-2026"  # nosec B105 - published demo credential (README); demo refuses to load without DEBUG
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # nosec B105 - published demo TOTP secret
DEMO_BACKUP_CODES = ("demo-backup-1", "demo-backup-2", "demo-backup-3")

#: The Norwegian subjects, named in bokmål (found again by code, so renaming is safe).
#: Jurisdiction demos in other countries add their own subjects in their own language.
SUBJECTS = [
    ("NOR", "Norsk"),
    ("MAT", "Matematikk"),
    ("ENG", "Engelsk"),
    ("NAT", "Naturfag"),
    ("SAF", "Samfunnsfag"),
    ("KRO", "Kroppsøving"),
]

#: Demo accounts: username -> (given, family, description). The README lists them.
ACCOUNTS = {
    "demo-guardian": ("Kari", "Solvang", "guardian of two children at two schools"),
    "demo-guardian2": ("Per", "Lindmo", "guardian in another family"),
    "demo-student": ("Nora", "Fjellstad", "student of age (19)"),
    "demo-teacher": ("Tobias", "Aarhus", "teacher at Elvdal lower secondary"),
    "demo-coordinator": ("Hanne", "Brekke", "IOP coordinator at Elvdal lower secondary"),
    "demo-leader": ("Leif", "Storm", "school leader at Elvdal lower secondary"),
    "demo-editor": ("Ella", "Vik", "guidance editor"),
    "demo-county": ("Odd", "Halvorsen", "case officer at Nordvik county"),
}


def totp_key_hex(secret_b32: str) -> str:
    return base64.b32decode(secret_b32).hex()


def _school_year() -> SchoolYear:
    today = timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    year, _ = SchoolYear.objects.update_or_create(
        name=SchoolYear.name_for(today),
        defaults={
            "starts": datetime.date(start, 8, 1),
            "ends": datetime.date(start + 1, 7, 31),
        },
    )
    return year


def _org(slug, kind, name, parent=None, level=""):
    org, _ = Organisation.objects.update_or_create(
        slug=slug, defaults={"kind": kind, "name": name, "parent": parent, "level": level}
    )
    return org


def _account(username: str, given: str = "", family: str = "", *, second_factor: bool = True):
    """A demo account with the published password, TOTP secret and backup codes.

    Names come from ACCOUNTS unless given (jurisdiction demos name their own accounts).
    """
    if not given:
        given, family, _desc = ACCOUNTS[username]
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": given, "last_name": family, "email": f"{username}@example.org"},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    person, _ = Person.objects.update_or_create(
        user=user,
        defaults={"given_name": given, "family_name": family, "email": f"{username}@example.org"},
    )
    if second_factor:
        TOTPDevice.objects.update_or_create(
            user=user,
            name="default",
            defaults={"key": totp_key_hex(DEMO_TOTP_SECRET), "confirmed": True},
        )
        static, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
        if not static.token_set.exists():
            StaticToken.objects.bulk_create(
                [StaticToken(device=static, token=code) for code in DEMO_BACKUP_CODES]
            )
    return user, person


def _person(given, family):
    person, _ = Person.objects.get_or_create(given_name=given, family_name=family, user=None)
    return person


def _student(person, birth_date, school, group, subjects):
    student, _ = Student.objects.update_or_create(
        person=person, defaults={"birth_date": birth_date, "school": school, "group": group}
    )
    student.subjects.set(subjects)
    return student


@transaction.atomic
def load() -> dict:
    """Create or update the whole demo world; return a few objects for callers."""
    year = _school_year()
    y0 = year.starts.year
    subjects = {
        code: Subject.objects.update_or_create(code=code, defaults={"name": name})[0]
        for code, name in SUBJECTS
    }

    county = _org("nordvik-county", Organisation.Kind.COUNTY, "Nordvik fylkeskommune (demo)")
    elvdal = _org("elvdal", Organisation.Kind.MUNICIPALITY, "Elvdal kommune", county)
    bjorkas = _org("bjorkas", Organisation.Kind.MUNICIPALITY, "Bjørkås kommune", county)
    elvdal_ls = _org(
        "elvdal-lower-secondary",
        Organisation.Kind.SCHOOL,
        "Elvdal ungdomsskole",
        elvdal,
        "lower_secondary",
    )
    bjorkas_school = _org(
        "bjorkas-school",
        Organisation.Kind.SCHOOL,
        "Bjørkås barne- og ungdomsskole",
        bjorkas,
        "primary_lower_secondary",
    )
    nordvik_us = _org(
        "nordvik-upper-secondary",
        Organisation.Kind.SCHOOL,
        "Nordvik videregående skole",
        county,
        "upper_secondary",
    )

    def group(school, name, grade):
        return SchoolGroup.objects.update_or_create(
            school=school, school_year=year, name=name, defaults={"grade": grade}
        )[0]

    e8a, e9b, e10a = (
        group(elvdal_ls, "8A", 8),
        group(elvdal_ls, "9B", 9),
        group(elvdal_ls, "10A", 10),
    )
    b10a = group(bjorkas_school, "10A", 10)
    vg3 = group(nordvik_us, "VG3 B", 13)
    lower_sec = [subjects[c] for c in ("NOR", "MAT", "ENG", "NAT", "SAF", "KRO")]

    # Staff.
    _, teacher = _account("demo-teacher")
    _, coordinator = _account("demo-coordinator")
    _, leader = _account("demo-leader")
    _, county_officer = _account("demo-county")
    editor_user, _ = _account("demo-editor")
    editors = AuthGroup.objects.filter(name="Editors").first()
    if editors:
        editor_user.groups.add(editors)
    for person, role, org in (
        (coordinator, "coordinator", elvdal_ls),
        (leader, "leader", elvdal_ls),
        (county_officer, "case_officer", county),
    ):
        RoleAssignment.objects.get_or_create(person=person, role=role, organisation=org)
    coord_bjorkas = _person("Mari", "Dalen")
    RoleAssignment.objects.get_or_create(
        person=coord_bjorkas, role="coordinator", organisation=bjorkas_school
    )

    # Families. Kari Solvang has two children at two schools.
    _, guardian = _account("demo-guardian")
    ola = _student(
        _person("Ola", "Solvang"), datetime.date(y0 - 13, 3, 14), elvdal_ls, e8a, lower_sec
    )
    mia = _student(
        _person("Mia", "Solvang"), datetime.date(y0 - 16, 9, 2), bjorkas_school, b10a, lower_sec
    )
    for child in (ola, mia):
        GuardianRelation.objects.get_or_create(guardian=guardian, student=child)

    # Another family the demo guardian must never reach.
    _, other_guardian = _account("demo-guardian2")
    emil = _student(
        _person("Emil", "Lindmo"), datetime.date(y0 - 14, 6, 30), elvdal_ls, e9b, lower_sec
    )
    GuardianRelation.objects.get_or_create(guardian=other_guardian, student=emil)

    # A student of age, with a guardian who no longer has access.
    student_user, nora_person = _account("demo-student")
    nora = _student(nora_person, datetime.date(y0 - 19, 3, 10), nordvik_us, vg3, lower_sec[:3])
    GuardianRelation.objects.get_or_create(guardian=_person("Randi", "Fjellstad"), student=nora)

    # More students so lists are not empty.
    extra = [
        ("Sofie", "Haugen", 14, e9b),
        ("Amir", "Nilsen", 15, e10a),
        ("Lea", "Bakke", 13, e8a),
        ("Jakob", "Moen", 15, e10a),
    ]
    for given, family, age, grp in extra:
        _student(_person(given, family), datetime.date(y0 - age, 5, 5), elvdal_ls, grp, lower_sec)

    # Two students who left: one case past its retention period (it can be
    # deleted under "Cases of students who left"), one still being kept.
    today = datetime.date.today()
    for given, family, age, left in (
        ("Henrik", "Aune", 23, datetime.date(today.year - 7, 6, 20)),
        ("Ida", "Rønning", 17, datetime.date(today.year - 1, 6, 20)),
    ):
        former = _student(
            _person(given, family), datetime.date(y0 - age, 2, 2), elvdal_ls, None, lower_sec
        )
        Student.objects.filter(pk=former.pk).update(left_on=left)

    # Teaching: demo-teacher teaches 8A mathematics and English to Emil alone.
    ta, _ = TeachingAssignment.objects.get_or_create(
        teacher=teacher, subject=subjects["MAT"], school_year=year, group=e8a
    )
    ta_eng, _ = TeachingAssignment.objects.get_or_create(
        teacher=teacher, subject=subjects["ENG"], school_year=year, group=None
    )
    ta_eng.students.add(emil)

    # Guidance pages: the current school year's booklet, legal references, articles.
    from content import guidance_demo

    guidance = guidance_demo.load(school_year_start=y0)

    world = {
        "guidance": guidance,
        "county": county,
        "municipalities": {"elvdal": elvdal, "bjorkas": bjorkas},
        "schools": [elvdal_ls, bjorkas_school, nordvik_us],
        "students": {"ola": ola, "mia": mia, "emil": emil, "nora": nora},
        "subjects": subjects,
        "school_year": year,
        "accounts": {
            "guardian": guardian,
            "guardian2": other_guardian,
            "student": nora_person,
            "teacher": teacher,
            "coordinator": coordinator,
            "leader": leader,
            "county": county_officer,
        },
        # account(username, given, family) -> (user, person): a demo account with the
        # published password and second factor, for jurisdiction demos.
        "account": _account,
    }
    _load_jurisdiction_demos(world)
    return world


def _load_jurisdiction_demos(world: dict) -> None:
    """Each installed jurisdiction adds its cases to the shared demo world."""
    from django.utils.module_loading import import_string

    from plugins.registry import registry

    for jurisdiction in registry.all():
        if jurisdiction.demo:
            import_string(jurisdiction.demo)(world)
