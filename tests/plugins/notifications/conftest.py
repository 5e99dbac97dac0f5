import pytest

from plugins.sdk import builders as b


def with_email(user, address=None, language=""):
    person = user.person
    person.email = address or f"{user.username}@example.org"
    person.language = language
    person.save(update_fields=["email", "language"])
    return user


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read English; a test about languages sets its own."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def person(db):
    """Factory: a user with a Person and an e-mail address."""

    def make(language=""):
        return with_email(b.user(), language=language)

    return make


@pytest.fixture
def shared_case(db):
    """A dummy case under a child with one guardian (with e-mail) and a coordinator."""
    from tests.dummy_jurisdiction.models import Case

    student = b.student()
    guardian = with_email(b.guardian_of(student))
    coordinator = with_email(b.role_holder("coordinator", student.school))
    case = Case.objects.create(student=student, summary="")
    return case, guardian, coordinator
