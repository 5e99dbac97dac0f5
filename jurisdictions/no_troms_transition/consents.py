"""Consent from the guardian and from the student before any contact with upper secondary.

Two consents are asked through the portal's consent service: one signed by a
guardian (``any_guardian``) and one by the student (``named``: the student
signs themself, also while under age). Consent is given when both are signed
for the current text; a refusal or a withdrawal by either stops the plan.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from plugins.consent import ConsentRequest
from plugins.sdk import Condition

GUARDIAN = "transition-guardian"
STUDENT = "transition-student"
SPECS = (GUARDIAN, STUDENT)

GIVEN = "given"
PENDING = "pending"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
NOT_ASKED = "not_asked"
#: States in which the plan stops: a refusal, or a consent given and then taken back.
ENDED = (REFUSED, WITHDRAWN)


def consent_text(plan, language: str | None = None) -> str:
    """The text the family reads and signs, in ``language`` (default: Norwegian bokmål).

    The consent service keeps one version per signing language; the family
    signs the one in their language.
    """
    with translation.override(language or "nb"):
        lines = [
            _("Transition follow-up from lower to upper secondary school"),
            "",
            _("Why we offer this"),
            _(
                "Some students need closer follow-up when they move on to upper secondary "
                "school. The schools in the region work together so that these students "
                "get a good start."
            ),
            "",
            _("Why this offer is made to you"),
            _(
                "The school's screening this autumn showed that closer follow-up in the "
                "transition can help, or you asked for it yourselves."
            ),
            "",
            _("What the follow-up means"),
            _(
                "The school makes contact with %(school)s, agrees on meetings and visits "
                "with you, and hands over the information you agree to. After the "
                "application is sent, %(school)s takes over the responsibility for the plan."
            )
            % {"school": plan.upper_school.name},
            "",
            _("Student: %(name)s") % {"name": plan.student.name},
            _("Lower-secondary school: %(school)s") % {"school": plan.lower_school.name},
            _("Upper-secondary school: %(school)s") % {"school": plan.upper_school.name},
            "",
            _(
                "You may say no. The school then writes down the answer and does not contact "
                "the upper-secondary school about this follow-up."
            ),
        ]
    return "\n".join(lines)


def given_q(plan_path: str = "pk") -> Q:
    """Both consents signed (a database filter on a model that reaches the plan)."""
    from plugins import consent

    from .models import TransitionPlan

    signed = [ConsentRequest.Status.SIGNED]
    return consent.status_q(TransitionPlan, GUARDIAN, signed, path=plan_path) & consent.status_q(
        TransitionPlan, STUDENT, signed, path=plan_path
    )


def current(plan) -> dict[str, ConsentRequest | None]:
    """The request that counts now for each of the two consents (None if never asked)."""
    from plugins import consent

    return {spec: consent.current_request(plan, spec) for spec in SPECS}


def state_of(requests) -> str:
    """The consent state from the current requests (as ``current`` returns them)."""
    statuses = {spec: (req.status if req else None) for spec, req in requests.items()}
    if any(s == ConsentRequest.Status.WITHDRAWN for s in statuses.values()):
        return WITHDRAWN
    if any(s == ConsentRequest.Status.REFUSED for s in statuses.values()):
        return REFUSED
    if all(s == ConsentRequest.Status.SIGNED for s in statuses.values()):
        return GIVEN
    if all(s is None for s in statuses.values()):
        return NOT_ASKED
    return PENDING


def consent_state(plan) -> str:
    """given, pending, refused, withdrawn or not_asked, from the current requests.

    A withdrawal (a consent given and taken back) is told apart from a refusal
    (never given); either one ends the follow-up.
    """
    if plan.pk is None:
        return NOT_ASKED
    return state_of(current(plan))


def ended_on(plan, requests=None):
    """When the refusal or withdrawal that ended the follow-up was decided (or None)."""
    requests = requests if requests is not None else current(plan)
    wanted = (
        ConsentRequest.Status.WITHDRAWN
        if state_of(requests) == WITHDRAWN
        else ConsentRequest.Status.REFUSED
    )
    dates = [r.decided_at for r in requests.values() if r and r.status == wanted and r.decided_at]
    return max(dates) if dates else None


def is_given(plan) -> bool:
    return consent_state(plan) == GIVEN


def is_refused(plan) -> bool:
    """Refused or withdrawn: the follow-up stops."""
    return consent_state(plan) in ENDED


#: Matrix condition: the plan's consents are both signed.
consent_given = Condition(
    label="consent given by guardian and student",
    test=is_given,
    q=given_q,
)


def ask(plan, requested_by=None) -> dict[str, ConsentRequest | None]:
    """Ask for both consents on the plan's current text (idempotent while nothing changed).

    The student's consent needs the student's login; without one only the
    guardian is asked and the plan page says what is missing.
    """
    from plugins import consent

    texts = {}

    def text(language):
        if language not in texts:
            texts[language] = consent_text(plan, language)
        return texts[language]

    asked = {
        GUARDIAN: consent.request_consent(plan, GUARDIAN, content=text, requested_by=requested_by)
    }
    student_user = plan.student.person.user
    if student_user is not None and student_user.is_active:
        asked[STUDENT] = consent.request_consent(
            plan,
            STUDENT,
            content=text,
            requested_by=requested_by,
            named_signer=plan.student.person,
        )
    else:
        asked[STUDENT] = None
    return asked


def label(state: str, ended_on=None) -> str:
    """The consent in words; a refusal or withdrawal with the day it was decided."""
    day = date_format(timezone.localtime(ended_on), "j.n.Y") if ended_on else ""
    if state == WITHDRAWN:
        return _("Consent withdrawn on %(date)s") % {"date": day} if day else _("Consent withdrawn")
    if state == REFUSED:
        return _("Consent refused on %(date)s") % {"date": day} if day else _("Consent refused")
    return {
        GIVEN: _("Consent given"),
        PENDING: _("Waiting for consent"),
        NOT_ASKED: _("Not asked"),
    }[state]


def plan_label(plan) -> str:
    """The plan's consent in words, as the class list shows it."""
    requests = current(plan)
    return label(state_of(requests), ended_on(plan, requests))
