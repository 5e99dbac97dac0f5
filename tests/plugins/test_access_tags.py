import pytest
from django.template import Context, Template
from django.test import RequestFactory

from plugins.sdk import builders as b
from tests.dummy_jurisdiction.models import Case

pytestmark = pytest.mark.django_db

SOURCE = (
    '{% load access_tags %}{% can "edit" case as may_edit %}{% can "view" case as may_view %}'
    "{{ may_view }}/{{ may_edit }}"
)


def render_for(user, case):
    request = RequestFactory().get("/")
    request.user = user
    return Template(SOURCE).render(Context({"request": request, "case": case}))


def test_can_tag_follows_the_matrix():
    st = b.student()
    case = Case.objects.create(student=st, status="draft", summary="x")
    coordinator = b.role_holder("coordinator", st.school)
    teacher = b.teacher_of(st)
    guardian = b.guardian_of(st)
    stranger = b.role_holder("coordinator", b.school())
    assert render_for(coordinator, case) == "True/True"
    assert render_for(teacher, case) == "True/False"
    assert render_for(guardian, case) == "False/False"  # draft: not shared with the family yet
    assert render_for(stranger, case) == "False/False"
