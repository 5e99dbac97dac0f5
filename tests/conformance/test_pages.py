"""Every plugin's pages answer alike (the page hooks of ``ConformanceFactory``).

For each page a plugin names for a record its factory made:
- an edit page: GET 200; an invalid post 400 with the error summary, nothing saved;
  a valid post saved with exactly one audit row, for the record, with the role used;
- a step that needs a fresh second factor: posted with a stale one, the person is sent
  to the code page; after the code the step is done with what was posted;
- a document: a PDF download, never cached, whose file name ends in one ``.pdf``.
Select one plugin with ``-k <code>``.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from plugins.access import role_used
from plugins.accounts import VERIFIED_AT_KEY
from plugins.audit.models import AuditEvent
from plugins.models import TransitionLog
from plugins.registry import registry
from tests.conftest import sign_in_verified

pytestmark = pytest.mark.django_db


def _states(j, record_type):
    wf = j.workflow_for(record_type)
    return wf.state_values if wf else [None]


def _edit_cases():
    for j in registry.all():
        for record_type in j.record_types:
            if any(j.cells(record_type, "edit")):
                yield pytest.param(j.code, record_type, id=f"{j.code}-{record_type}")


def _step_up_cases():
    for j in registry.all():
        for wf in j.workflows:
            for t in wf.transitions:
                if t.step_up:
                    yield pytest.param(
                        j.code, wf.record, t.name, id=f"{j.code}-{wf.record}.{t.name}"
                    )


def _document_cases():
    for j in registry.all():
        for spec in j.documents:
            yield pytest.param(j.code, spec.code, id=f"{j.code}-{spec.code}")


def _editor(j, factory, record_type, record):
    """An actor whose role the matrix lets edit ``record`` as it is, and that role."""
    for cell in j.cells(record_type, "edit"):
        if cell.when is not None and not cell.when(record):
            continue
        for role in cell.roles:
            return factory.make_actor(role, record), role
    return None, None


def _rows(record):
    jurisdiction, name = registry.for_record(record)
    return AuditEvent.objects.filter(
        jurisdiction=jurisdiction.code, record_type=name, record_id=str(record.pk)
    )


def _snapshot(record):
    fresh = type(record)._default_manager.get(pk=record.pk)
    return {
        f.attname: getattr(fresh, f.attname)
        for f in fresh._meta.concrete_fields
        if f.attname not in ("updated_at",)
    }


@pytest.mark.parametrize("code,record_type", list(_edit_cases()))
def test_edit_page_answers_alike(code, record_type):
    j = registry.get(code)
    factory = j.conformance_factory()
    tried = 0
    for state in _states(j, record_type):
        record = factory.make_record(record_type, state=state)
        page = factory.edit_page(record_type, record)
        if page is None:
            continue
        actor, role = _editor(j, factory, record_type, record)
        if actor is None:
            continue
        tried += 1
        url, valid, invalid = page
        client = sign_in_verified(Client(), actor)
        assert client.get(url).status_code == 200, f"{code}: GET {url} as {role}"

        before, rows = _snapshot(record), _rows(record).count()
        refused = client.post(url, invalid)
        assert refused.status_code == 400, (
            f"{code}: invalid post to {url} answered {refused.status_code}"
        )
        assert b'class="error-summary' in refused.content or b"error-summary" in refused.content
        assert _snapshot(record) == before, f"{code}: an invalid post to {url} changed the record"

        rows = _rows(record).count()
        saved = client.post(url, valid)
        assert saved.status_code == 302, f"{code}: valid post to {url} answered {saved.status_code}"
        new = list(_rows(record).order_by("pk")[rows:])
        assert len(new) == 1, f"{code}: one save of {record_type} wrote {len(new)} audit rows"
        fresh = type(record)._default_manager.get(pk=record.pk)
        assert new[0].role == role_used(actor, "edit", fresh) != ""
        assert new[0].role in j.implied_roles(role)
    if factory.edit_page(record_type, factory.make_record(record_type)) is not None:
        assert tried, f"{code}: the edit page of {record_type} was usable in no state"


@pytest.mark.parametrize("code,record_type,transition", list(_step_up_cases()))
def test_step_up_resumes_the_posted_step(code, record_type, transition):
    j = registry.get(code)
    factory = j.conformance_factory()
    wf = j.workflow_for(record_type)
    t = wf.transition(transition)
    record = factory.make_record(record_type, state=t.source[0], for_transition=t.name)
    page = factory.step_page(t, record)
    if page is None:
        pytest.skip(f"{code} fires {record_type}.{transition} from no page of its own")
    url, post = page
    actor = factory.make_actor(t.roles[0], record)
    client = sign_in_verified(Client(), actor, fresh=False)

    asked = client.post(url, post)
    assert asked.status_code == 302
    target = urlsplit(asked["Location"])
    assert target.path.endswith("/verify/"), asked["Location"]
    resume = parse_qs(target.query)["next"][0]
    assert "_resume=" in resume
    record.refresh_from_db()
    assert str(getattr(record, wf.field)) == t.source[0], "the step ran without a fresh code"

    session = client.session  # the code is given: the second factor is fresh now
    session[VERIFIED_AT_KEY] = int(time.time())
    session.save()
    done = client.get(resume)
    assert done.status_code == 302
    record.refresh_from_db()
    assert str(getattr(record, wf.field)) == t.target, "the step was not done after the code"
    log = TransitionLog.objects.filter(
        jurisdiction=code, record_id=str(record.pk), transition=t.name
    ).get()
    for name in ("note", "reason"):
        if post.get(name):
            assert log.note == post[name], "what was posted with the step was lost"


@pytest.mark.parametrize("code,spec_code", list(_document_cases()))
def test_document_downloads_as_one_pdf(code, spec_code):
    j = registry.get(code)
    factory = j.conformance_factory()
    spec = next(s for s in j.documents if s.code == spec_code)
    for state in _states(j, spec.record):
        record = factory.make_record(spec.record, state=state)
        url = factory.document_page(spec, record)
        if url is None:
            continue
        for cell in j.cells(spec.record, "download"):
            if cell.when is None or cell.when(record):
                actor = factory.make_actor(cell.roles[0], record)
                break
        else:
            continue
        response = sign_in_verified(Client(), actor).get(url)
        assert response.status_code == 200, f"{code}: {url} answered {response.status_code}"
        assert response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        name = disposition.rsplit("filename", 1)[-1]
        assert name.rstrip('"').lower().endswith(".pdf") and ".pdf.pdf" not in name.lower()
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        return
    pytest.skip(f"{code} names no download page for {spec_code}")
