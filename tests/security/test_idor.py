"""Guessed identifiers: every demo user tries the ids of other people's records.

For every URL pattern of every installed plugin (its URLconf, mounted under
``/j/<code>/``) and of the shared pages under /files/, /family/ and
/family/consents/, the integer and UUID path parameters are filled with ids
the signed-in user has no business seeing, and a GET must never answer 200.

Which ids? For a plugin page, an integer id is "foreign" to a user when no
record of *any* of the plugin's record types with that primary key is
visible to the user (``plugins.access.permitted(user, "view", ...)``, the
same rules ``plugins.access.can`` applies). Because of that, the test needs
no knowledge of which model a URL loads: whichever record the view looks up
under that id, the user may not view it.
"""

from __future__ import annotations

import itertools
import re
import uuid
from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver

from plugins import retention
from plugins.access import can, family_students, permitted
from plugins.registry import registry

from .conftest import demo_users, is_family_user, signed_in

#: Answers that do not disclose a record: refusals, "method not allowed" for
#: POST-only views, and redirects (to step-up, or back to a list).
REFUSALS = {302, 403, 404, 405}

#: Plausible values for string parameters, so that views get as far as the record lookup.
STRING_VALUES = {
    ("no-iskole", "application-step", "name"): "publish",
    ("no-iskole", "iop-pdf", "doc"): "iop",
    ("rs-pravilnik", "form-pdf", "code"): "form1",
    ("rs-pravilnik", "ask-consent", "kind"): "iop2",
    ("rs-pravilnik", "step", "kind"): "case",
    ("rs-pravilnik", "step", "name"): "submit",
    ("no-troms-transition", "overview", "level"): "owner",
    ("no-troms-transition", "overview-csv", "level"): "owner",
    ("no-troms-transition", "overview-pdf", "level"): "owner",
}

#: Pages whose id is not a case record (a class, a student, a talk slot, an
#: organisation): the record rules do not apply, so these are checked for
#: family users only, who must never reach a staff page of somebody's class.
NOT_A_RECORD = {
    ("no-iskole", "iop-start"),
    ("no-troms-transition", "class"),
    ("no-troms-transition", "class-start"),
    ("no-troms-transition", "measure-toggle"),
    ("se-iup", "class"),
    ("se-iup", "class-plans"),
    ("se-iup", "slots"),
    ("se-iup", "term-summary"),
    ("se-iup", "slot-delete"),
    ("se-iup", "plan-create"),
}

#: At most this many foreign ids are tried per user and page (bounded run time).
SAMPLES = 1

CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def flatten(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from flatten(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def params(route: str) -> list[tuple[str, str]]:
    return [(m["conv"] or "str", m["name"]) for m in CONVERTER.finditer(route)]


def fill(route: str, values: dict) -> str:
    return CONVERTER.sub(lambda m: str(values[m["name"]]), route)


def plugin_routes(jurisdiction):
    module = import_module(jurisdiction.urls)
    return [
        (f"/j/{jurisdiction.code}/{route}", name)
        for route, name in flatten(module.urlpatterns)
        if any(conv in ("int", "uuid") for conv, _ in params(route))
    ]


def jurisdictions_with_pages():
    return [j for j in registry.all() if j.urls]


def record_models(jurisdiction):
    return [jurisdiction.record_model(name) for name in jurisdiction.record_types]


def foreign_ids(user, jurisdiction) -> list[int]:
    """Primary keys under which no record of this plugin is visible to ``user``."""
    every, visible = set(), set()
    for model in record_models(jurisdiction):
        qs = model._default_manager.all()
        every.update(qs.values_list("pk", flat=True))
        visible.update(permitted(user, "view", qs).values_list("pk", flat=True))
    return sorted(every - visible)


def foreign_uuids(user, jurisdiction) -> list[uuid.UUID]:
    """Document UUIDs of this plugin that ``user`` may not view."""
    found = []
    for model in record_models(jurisdiction):
        if not any(f.name == "uuid" for f in model._meta.get_fields()):
            continue
        qs = model._default_manager.all()
        visible = set(permitted(user, "view", qs).values_list("pk", flat=True))
        found += [u for pk, u in qs.values_list("pk", "uuid") if pk not in visible]
    return found or [uuid.uuid4()]


def any_ids(jurisdiction) -> list[int]:
    ids = set()
    for model in record_models(jurisdiction):
        ids.update(model._default_manager.values_list("pk", flat=True))
    return sorted(ids)


def non_record_ids() -> list[int]:
    from plugins.models import Group, Organisation, Student

    ids = set()
    for model in (Group, Organisation, Student):
        ids.update(model.objects.values_list("pk", flat=True))
    return sorted(ids)


def spread(pool, count, seed):
    """``count`` values of ``pool``, different ones for different seeds."""
    if not pool:
        return []
    start = seed % len(pool)
    rotated = pool[start:] + pool[:start]
    step = max(1, len(pool) // count)
    return rotated[::step][:count]


def disclosed(response) -> bool:
    return response.status_code not in REFUSALS


def test_the_plugin_urlconfs_have_pages_with_ids():
    """The sweep below would prove nothing if it found no pages."""
    codes = [j.code for j in jurisdictions_with_pages()]
    assert {"no-iskole", "rs-pravilnik", "se-iup", "no-troms-transition"} <= set(codes)
    for j in jurisdictions_with_pages():
        assert plugin_routes(j), j.code


@pytest.mark.parametrize(
    "code", ["no-iskole", "no-troms-transition", "rs-pravilnik", "se-iup", "dummy"]
)
def test_guessed_ids_on_plugin_pages(world, code):
    if code not in registry or not registry.get(code).urls:
        pytest.fail(f"plugin {code} has no pages mounted")
    jurisdiction = registry.get(code)
    routes = plugin_routes(jurisdiction)
    all_ids = any_ids(jurisdiction)
    others = non_record_ids()
    users = demo_users()
    assert len(users) >= 20
    leaks, tried, statuses = [], 0, {}
    for ui, user in enumerate(users):
        client = signed_in(user)
        ids = foreign_ids(user, jurisdiction)
        uuids = foreign_uuids(user, jurisdiction)
        for ri, (route, name) in enumerate(routes):
            spec = params(route)
            first_int = next((n for conv, n in spec if conv == "int"), None)
            if (code, name) in NOT_A_RECORD:
                if not is_family_user(user):
                    continue
                primary_pool = others
            elif first_int is None:  # only a UUID: somebody else's document
                primary_pool = uuids
            else:
                primary_pool = ids
            for sample in spread(primary_pool, SAMPLES, ui * 7 + ri):
                values = {}
                for conv, pname in spec:
                    if conv == "int":
                        values[pname] = sample if pname == first_int else all_ids[0]
                    elif conv == "uuid":
                        values[pname] = sample if first_int is None else uuids[ri % len(uuids)]
                    else:
                        values[pname] = STRING_VALUES.get((code, name, pname), "x")
                url = fill(route, values)
                response = client.get(url)
                tried += 1
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if disclosed(response):
                    leaks.append((user.username, url, response.status_code))
    assert tried > 0
    # The requests reached the record checks (not all bounced to sign-in or step-up).
    assert statuses.get(404, 0) + statuses.get(403, 0) >= tried // 3, statuses
    assert not leaks, "pages answered for ids of records the user may not view:\n" + "\n".join(
        f"  {u} GET {url} -> {status}" for u, url, status in leaks
    )


def test_guessed_ids_on_shared_pages(world):
    """/files/, /family/, /family/consents/ and /cases/ with other people's ids."""
    from plugins.consent import service as consent_service
    from plugins.consent.models import ConsentReceipt, ConsentRequest
    from plugins.documents.models import BundleJob, Document
    from plugins.documents.services import proxy_model
    from plugins.models import GuardianRelation, Student

    documents = list(Document.objects.all())
    requests = list(ConsentRequest.objects.all())
    receipts = list(ConsentReceipt.objects.select_related("request"))
    students = list(Student.objects.all())
    relations = list(GuardianRelation.objects.all())
    jobs = list(BundleJob.objects.all())
    assert documents and requests and students

    def may_download(user, doc):
        try:
            model = proxy_model(doc.owner, doc.record_type)
        except LookupError:
            return False
        return can(user, "download", model._default_manager.get(pk=doc.pk))

    leaks, tried = [], 0
    for ui, user in enumerate(demo_users()):
        client = signed_in(user)
        own_children = set(family_students(user).values_list("pk", flat=True))
        urls = []
        for doc in spread([d for d in documents if not may_download(user, d)], 2, ui):
            urls.append(f"/files/{doc.uuid}/download/")
        for job in spread([j for j in jobs if j.requested_by_id != user.pk], 2, ui):
            urls += [
                f"/files/bundles/{job.uuid}/",
                f"/files/bundles/{job.uuid}/status/",
                f"/files/bundles/{job.uuid}/download/",
            ]
        stranger = uuid.uuid4()
        urls += [f"/files/bundles/{stranger}/", f"/files/{stranger}/download/"]
        for student in spread([s for s in students if s.pk not in own_children], 2, ui):
            urls += [
                f"/family/children/{student.pk}/",
                f"/family/children/{student.pk}/access-log/",
            ]
            for relation in [r for r in relations if r.student_id == student.pk][:1]:
                urls.append(f"/family/children/{student.pk}/guardians/{relation.pk}/access/")
        for student in spread([s for s in students if not can(user, retention.CLOSE, s)], 2, ui):
            urls.append(f"/cases/{student.pk}/delete/")
        for req in spread([r for r in requests if not consent_service.may_view(user, r)], 2, ui):
            urls += [
                f"/family/consents/{req.pk}/",
                f"/family/consents/{req.pk}/answer/",
                f"/family/consents/{req.pk}/document/",
            ]
        foreign_receipts = [
            r for r in receipts if not consent_service.may_download_receipt(user, r)[0]
        ]
        for receipt in spread(foreign_receipts, 2, ui):
            urls.append(f"/family/consents/receipts/{receipt.pk}/")
        for url in urls:
            tried += 1
            response = client.get(url)
            if disclosed(response):
                leaks.append((user.username, url, response.status_code))
    assert tried > 100
    assert not leaks, "shared pages answered for other people's ids:\n" + "\n".join(
        f"  {u} GET {url} -> {status}" for u, url, status in leaks
    )


def test_ids_that_are_not_numbers_answer_404(world):
    """Non-numeric, negative and huge ids never reach a view (and never 500)."""
    user = next(u for u in demo_users() if u.username == "demo-coordinator")
    client = signed_in(user)
    for j, bad in itertools.product(jurisdictions_with_pages(), ("abc", "-1", "9" * 30, "1e3")):
        for route, _name in plugin_routes(j)[:6]:
            url = CONVERTER.sub(bad, route)
            # 405: a POST-only view refuses the method before reading the id.
            assert client.get(url).status_code in (404, 405), url


def test_guessed_ids_on_case_retention_posts_change_nothing(world):
    """Closing, reopening and deleting the case of a student who is not yours: 404, nothing changes."""
    from plugins.models import Student

    students = list(Student.objects.all())
    before = {s.pk: s.left_on for s in students}
    tried = 0
    for ui, user in enumerate(demo_users()):
        client = signed_in(user)
        for student in spread([s for s in students if not can(user, retention.CLOSE, s)], 3, ui):
            for action, data in (
                ("close", {"left_on": "2020-01-01"}),
                ("reopen", {}),
                ("delete", {"confirm": "on"}),
            ):
                tried += 1
                response = client.post(f"/cases/{student.pk}/{action}/", data)
                assert response.status_code == 404, (user.username, action, student.pk)
    assert tried > 50
    after = {s.pk: s.left_on for s in Student.objects.all()}
    assert after == before
