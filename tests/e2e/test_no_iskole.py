"""The whole IOP path in a real browser, with the demo accounts and real second-factor sign-in.

Coordinator writes and publishes an application -> the guardian approves with a
code -> the coordinator bundles it, downloads the merged PDF, records the sent
date and the decision -> writes part 1 and publishes it to teachers -> the
teacher writes their subject and is refused another -> published to the family
-> the guardian reads the plan and sees the teacher's reads in the access log.
"""

import io
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from pypdf import PdfReader

from jurisdictions.no_iskole.demo import demo_pdf
from jurisdictions.no_iskole.models import IopDocument, StudentApplication, SubjectPlan

pytestmark = pytest.mark.e2e

PASSWORD = "demo-pass-2026"


@pytest.fixture
def demo_world(transactional_db, live_server, settings):
    from content import demo

    settings.DEBUG = True
    world = demo.load()
    settings.DEBUG = False
    ola = world["students"]["ola"]
    # The demo has Ola's application waiting already; here the coordinator writes it anew.
    for app in StudentApplication.objects.filter(student=ola):
        IopDocument.objects.filter(attached_to=app.attached_key).update(attached_to="")
        app.delete()
    return world


def _code(username, step_back=0):
    device = TOTPDevice.objects.get(user__username=username, name="default")
    t0 = device.t0 - step_back * device.step
    return f"{totp(device.bin_key, device.step, t0, device.digits, device.drift):06d}"


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=auth-username]").fill(username)
    page.locator("input[name=auth-password]").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=token-otp_token]").fill(_code(username))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("input[name=token-otp_token]")).to_have_count(0)
    return context, page


def test_the_whole_iop_path(demo_world, browser, live_server, tmp_path):
    base = f"{live_server.url}/j/no-iskole"
    ola = demo_world["students"]["ola"]

    # 1. The coordinator registers, fills in and publishes Ola's application.
    coord_ctx, coord = sign_in(browser, live_server, "demo-coordinator")
    coord.goto(f"{base}/")
    coord.get_by_role("link", name="Add a student application").click()
    coord.get_by_label("Filter by name").fill("Solvang")
    coord.get_by_role("button", name="Filter").click()
    coord.get_by_role("button", name="Add an application for Ola Solvang").click()
    coord.get_by_label("Summary of the expert assessment").fill(
        "PPT finds that Ola needs special education in mathematics and Norwegian."
    )
    coord.get_by_label("Goals of the education").fill("Read and calculate with confidence.")
    coord.get_by_label("Matematikk").check()
    coord.get_by_label("Norsk").check()
    coord.get_by_role("button", name="Save", exact=True).click()
    expect(coord.get_by_role("heading", level=1)).to_contain_text("Ola Solvang")
    coord.get_by_role("link", name="Add an attachment").click()
    coord.get_by_label("Title").fill("PPT report")
    report = tmp_path / "ppt-report.pdf"
    report.write_bytes(demo_pdf("PPT report for the application"))
    coord.get_by_label("PDF file").set_input_files(str(report))
    coord.get_by_role("button", name="Upload and attach").click()
    expect(coord.get_by_role("link", name="PPT report")).to_be_visible()
    coord.get_by_role("button", name="Publish to the family for approval").click()
    expect(coord.locator(".badge").first).to_have_text("Awaiting approval")
    app = StudentApplication.objects.get(student=ola)

    # 2. The guardian signs in with the second factor and approves.
    fam_ctx, fam = sign_in(browser, live_server, "demo-guardian")
    fam.goto(f"{live_server.url}/family/")
    card = fam.locator("li.child-card", has_text="Ola Solvang")
    card.get_by_role("link", name="Application for special education").click()
    expect(fam.get_by_text("PPT finds that Ola needs special education")).to_be_visible()
    fam.get_by_role("link", name="Read and approve").click()
    fam.get_by_label("I have read this and I agree").check()
    fam.get_by_role("button", name="Sign", exact=True).click()
    app.refresh_from_db()
    assert app.status == "approved"

    # 3. The coordinator bundles it, downloads the merged PDF, records sent date and decision.
    coord.goto(f"{base}/school-applications/")
    coord.get_by_label("Name").fill("Demo county")
    coord.get_by_role("button", name="Create", exact=True).click()
    coord.get_by_role("button", name="Add Ola Solvang").click()
    expect(coord.get_by_role("row", name=re.compile("Ola Solvang"))).to_contain_text(
        "Under consideration"
    )
    coord.get_by_role("button", name="Download the merged PDF").click()
    with coord.expect_download() as info:
        coord.get_by_role("link", name="Download the PDF").click()
    merged = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    assert len(merged.pages) >= 2  # the application and the PPT report
    assert [o.title for o in merged.outline if not isinstance(o, list)] == ["Ola Solvang"]
    assert "Ola Solvang" in merged.pages[0].extract_text()
    coord.goto(f"{base}/school-applications/")
    coord.get_by_role("link", name="Demo county").click()
    coord.get_by_label("Sent on").fill(timezone.localdate().isoformat())
    coord.get_by_role("button", name="Record as sent").click()
    expect(coord.get_by_text("Recorded as sent")).to_be_visible()
    coord.get_by_role("button", name="Record: granted: Ola Solvang").click()
    app.refresh_from_db()
    assert app.status == "granted" and app.school_application.sent_on is not None

    # 4. Part 1, published to teachers.
    coord.goto(f"{base}/?q=Ola")
    coord.get_by_role("button", name="Create IOP part 1").click()
    coord.get_by_role("link", name="Change part 1").click()
    coord.get_by_label("Mapping").fill("Ola reads slowly but understands well.")
    coord.get_by_label("Overall goals").fill("Confidence in reading and numbers.")
    coord.get_by_role("button", name="Save", exact=True).click()
    coord.get_by_role("button", name="Set the stage to: Published to teachers").click()
    expect(coord.locator("li[aria-current=step]")).to_contain_text("Published to teachers")

    # 5. demo-teacher writes mathematics and is refused Norwegian.
    teach_ctx, teach = sign_in(browser, live_server, "demo-teacher")
    teach.goto(f"{base}/")
    teach.get_by_role("link", name="Ola Solvang").click()
    teach.get_by_role("link", name="Write part 2 for Matematikk").click()
    teach.get_by_label("Competence goals").fill("Use the four operations with whole numbers.")
    teach.get_by_label("Learning goals and content").fill("Ten minutes of number practice daily.")
    teach.get_by_label("In progress").check()
    teach.get_by_role("button", name="Save", exact=True).click()
    expect(teach.get_by_text("Ten minutes of number practice daily.")).to_be_visible()
    expect(teach.get_by_role("link", name="Write part 2 for Norsk")).to_have_count(0)
    norwegian = SubjectPlan.objects.get(iop__student=ola, subject__code="NOR")
    teach.goto(f"{base}/subjects/{norwegian.pk}/")
    expect(teach.get_by_text("Only its own teacher and the IOP coordinator")).to_be_visible()
    csrf = next(c["value"] for c in teach_ctx.cookies() if c["name"] == "csrftoken")
    refused = teach.request.post(
        f"{base}/subjects/{norwegian.pk}/",
        form={
            "csrfmiddlewaretoken": csrf,
            "competence_goals": "Not mine to write",
            "learning_goals": "",
            "work_status": "done",
        },
        headers={"Referer": f"{base}/subjects/{norwegian.pk}/"},
    )
    assert refused.status == 403 and "CSRF" not in refused.text()
    norwegian.refresh_from_db()
    assert norwegian.competence_goals == ""

    # 6. Published to the family; the guardian reads it and sees who opened it.
    coord.reload()
    coord.get_by_role("button", name="Set the stage to: Published to student and guardians").click()
    expect(coord.locator("li[aria-current=step]")).to_contain_text("Published to student")
    fam.goto(f"{live_server.url}/family/")
    card = fam.locator("li.child-card", has_text="Ola Solvang")
    card.get_by_role("link", name=re.compile(r"^IOP ")).click()
    expect(fam.get_by_text("Ten minutes of number practice daily.")).to_be_visible()
    expect(fam.get_by_text("Ola reads slowly but understands well.")).to_be_visible()
    fam.goto(f"{live_server.url}/family/children/{ola.pk}/access-log/")
    expect(fam.get_by_text("Tobias Aarhus").first).to_be_visible()
    for ctx in (coord_ctx, fam_ctx, teach_ctx):
        ctx.close()
