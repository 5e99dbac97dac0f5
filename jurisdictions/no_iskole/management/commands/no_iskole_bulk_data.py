"""Bulk fictional data for load tests and benchmarks (never for real instances).

    python manage.py no_iskole_bulk_data --students 10000 --documents 100000

Adds a municipality of schools with students, guardians who can sign in
(``load-guardian-<n>``, demo password and TOTP secret), one coordinator per
school (``load-coordinator-<n>``), an application and an IOP for every student,
and documents (small real PDFs) spread over the students. Refuses to run
without DEBUG, like the demo.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from plugins.documents.storage import private_storage
from plugins.models import (
    GuardianRelation,
    Organisation,
    Person,
    RoleAssignment,
    SchoolYear,
    Student,
    Subject,
)

from ...demo import demo_pdf
from ...models import (
    CODE,
    ApplicationStatus,
    Iop,
    IopDocument,
    SchoolApplication,
    Stage,
    StudentApplication,
)

GIVEN = ["Ada", "Bo", "Cai", "Dina", "Eli", "Frid", "Gro", "Hal", "Ine", "Jon", "Kim", "Liv"]
FAMILY = ["Aas", "Berg", "Dahl", "Eng", "Foss", "Haug", "Lie", "Moe", "Nes", "Ruud", "Sand", "Vik"]
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105  # nosec B105 - the published demo password
TOTP_HEX = "48656c6c6f21deadbeef"  # base32 JBSWY3DPEHPK3PXP


class Command(BaseCommand):
    help = "Add bulk fictional students, guardians, IOPs and documents for load tests."

    def add_arguments(self, parser):
        parser.add_argument("--students", type=int, default=10_000)
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--schools", type=int, default=20)
        parser.add_argument("--guardian-logins", type=int, default=200)

    def handle(self, *args, students, documents, schools, guardian_logins, **options):
        if not settings.DEBUG:
            raise CommandError("Bulk data is only for development and load tests (DEBUG on).")
        rng = random.Random(2026)  # noqa: S311  # nosec B311 - fictional data, not security
        today = timezone.localdate()
        year = SchoolYear.objects.filter(starts__lte=today, ends__gte=today).first()
        if year is None:
            raise CommandError(
                "Load the demo first (manage.py load_demo): it makes the school year."
            )
        subjects = list(Subject.objects.all()[:3])
        pdf = demo_pdf("Load test document")
        digest = hashlib.sha256(pdf).hexdigest()
        with transaction.atomic():
            county = Organisation.objects.filter(kind="county").first()
            muni, _ = Organisation.objects.get_or_create(
                slug="load-municipality",
                defaults={"kind": "municipality", "name": "Load Municipality", "parent": county},
            )
            if Student.objects.filter(school__parent=muni).exists():
                raise CommandError("Bulk data is already loaded.")
            orgs = [
                Organisation.objects.create(
                    slug=f"load-school-{n}",
                    kind="school",
                    name=f"Load School {n}",
                    parent=muni,
                    jurisdictions=[CODE],
                )
                for n in range(schools)
            ]
            password = make_password(DEMO_PASSWORD)
            User = get_user_model()
            for n, org in enumerate(orgs):
                user = User.objects.create(username=f"load-coordinator-{n}", password=password)
                person = Person.objects.create(
                    user=user, given_name="Coordinator", family_name=str(n)
                )
                TOTPDevice.objects.create(user=user, name="default", key=TOTP_HEX, confirmed=True)
                RoleAssignment.objects.create(person=person, role="coordinator", organisation=org)
            people = Person.objects.bulk_create(
                Person(given_name=rng.choice(GIVEN), family_name=f"{rng.choice(FAMILY)}-{n}")
                for n in range(students)
            )
            birth = today.replace(year=today.year - 14)
            pupils = Student.objects.bulk_create(
                Student(person=p, birth_date=birth, school=orgs[n % schools])
                for n, p in enumerate(people)
            )
            through = Student.subjects.through
            through.objects.bulk_create(
                through(student_id=s.pk, subject_id=subj.pk) for s in pupils for subj in subjects
            )
            logins = User.objects.bulk_create(
                User(username=f"load-guardian-{n}", password=password)
                for n in range(min(guardian_logins, students))
            )
            TOTPDevice.objects.bulk_create(
                TOTPDevice(user=u, name="default", key=TOTP_HEX, confirmed=True) for u in logins
            )
            guardians = Person.objects.bulk_create(
                Person(user=u, given_name="Guardian", family_name=u.username) for u in logins
            )
            GuardianRelation.objects.bulk_create(
                GuardianRelation(guardian=g, student=pupils[n]) for n, g in enumerate(guardians)
            )
            StudentApplication.objects.bulk_create(
                StudentApplication(
                    student=s, status=ApplicationStatus.GRANTED, expert_assessment="Load test."
                )
                for s in pupils
            )
            Iop.objects.bulk_create(
                Iop(
                    student=s,
                    school_year=year,
                    stage=Stage.PUBLISHED_TO_FAMILY,
                    mapping="Load test mapping.",
                )
                for s in pupils
            )
            # One school application per school, five students in it, for bundle requests.
            for n, org in enumerate(orgs):
                sa = SchoolApplication.objects.create(school=org, name=f"Load County {n}")
                first = [p.pk for p in pupils[n::schools][:5]]
                StudentApplication.objects.filter(student_id__in=first).update(
                    school_application=sa, status=ApplicationStatus.UNDER_CONSIDERATION
                )
            storage = private_storage()
            made = []
            for n in range(documents):
                name = storage.save(f"documents/load/{n // 1000}/{n}.pdf", ContentFile(pdf))
                made.append(
                    IopDocument(
                        uuid=uuid.uuid4(),
                        title=f"Load document {n}",
                        owner=CODE,
                        record_type="IopDocument",
                        student=pupils[n % students],
                        file=name,
                        size=len(pdf),
                        pages=1,
                        sha256=digest,
                        visible_to_teachers=bool(n % 2),
                        created_at=timezone.now() - datetime.timedelta(minutes=n),
                    )
                )
                if len(made) == 5000:
                    IopDocument.objects.bulk_create(made)
                    made = []
            IopDocument.objects.bulk_create(made)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {students} students at {schools} schools, {len(logins)} guardian logins, "
                f"{schools} coordinators, {students} IOPs and {documents} documents."
            )
        )
