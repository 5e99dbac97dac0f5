"""The rulebook's rules as plain functions: gates, team composition, dates, script.

Each gate returns a list of problems (translated sentences); an empty list
means the step may go ahead. The workflow guards and the pages use the
same functions, so a page never offers what the workflow would refuse.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata

import cyrtranslit
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    CaseStatus,
    EvaluationStatus,
    Grounds,
    IopKind,
    IopStatus,
    MemberFunction,
)

# -- Cyrillic and Latin ----------------------------------------------------------------------
# cyrtranslit carries the Serbian alphabets (Вук's Cyrillic, Gaj's Latin). Around it only
# what it leaves to the caller: digraphs in words written in capitals ("ЉУБА" <-> "LJUBA";
# cyrtranslit writes "LjUBA" and reads "LJ" as "ЛЈ"), and letters of other Cyrillic
# alphabets in a Latin text (a Russian or Macedonian name), taken from cyrtranslit's tables
# of those languages.
_DIGRAPHS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}
_LATIN_DIGRAPHS = {latin: cyrillic for cyrillic, latin in _DIGRAPHS.items()}
_CYRILLIC_DIGRAPH = re.compile(r"[ЉЊЏ](?=[^\W\d_])")
_CAPITAL_LATIN_DIGRAPH = re.compile(r"LJ|NJ|DŽ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Where a letter Serbian does not have is looked up, in this order.
_OTHER_ALPHABETS = ("mk", "ua", "by", "ru")


def _other_letter(match: re.Match) -> str:
    letter = match.group(0)
    for language in _OTHER_ALPHABETS:
        latin = cyrtranslit.to_latin(letter, language)
        if latin != letter:
            return latin
    # A letter with an accent (Ѐ, Ѝ): the base letter, without the accent.
    base = unicodedata.normalize("NFD", letter)[0]
    return cyrtranslit.to_latin(base, "sr") if base != letter else letter


def _capital_digraph(match: re.Match) -> str:
    letter = match.group(0)
    return _DIGRAPHS[letter] if match.string[match.end()].isupper() else letter


def to_latin(text: str) -> str:
    """Serbian Cyrillic to Latin (Вук's alphabet to Gaj's) with cyrtranslit.

    A digraph is written in capitals when the next letter is a capital too
    ("ЉУБА" -> "LJUBA", "Љуба" -> "Ljuba"). Latin text, digits and markup stay as they are.
    """
    text = _CYRILLIC_DIGRAPH.sub(_capital_digraph, text)
    latin = cyrtranslit.to_latin(text, "sr")
    return _CYRILLIC.sub(_other_letter, latin)


def to_cyrillic(text: str) -> str:
    """Serbian Latin to Cyrillic with cyrtranslit: lj, nj and dž become one letter each."""
    text = _CAPITAL_LATIN_DIGRAPH.sub(lambda m: _LATIN_DIGRAPHS[m.group(0)], text)
    return cyrtranslit.to_cyrillic(text, "sr")


def script_of(language: str | None) -> str:
    """ "latn" for Serbian Latin, else "cyrl" (Cyrillic is the official script)."""
    return "latn" if (language or "").lower().endswith("latn") else "cyrl"


def in_script(text: str, language: str | None) -> str:
    """``text`` written in the script of ``language`` (sr-cyrl or sr-latn); others unchanged."""
    language = (language or "").lower()
    if not language.startswith("sr"):
        return text
    return to_latin(text) if script_of(language) == "latn" else to_cyrillic(text)


# -- dates -------------------------------------------------------------------------------------
def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cooperation_window(transfer: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Art. 12: from at least three months before the move to three months after it."""
    return add_months(transfer, -3), add_months(transfer, 3)


#: Start of the two terms (полугодишта) of the Serbian school year as (month, day).
#: The ministry's school calendar moves them by a few days each year; a school sets
#: its own with the setting ``RS_PRAVILNIK_TERM_STARTS``.
TERM_STARTS = ((9, 1), (1, 15))


def term_starts() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "RS_PRAVILNIK_TERM_STARTS", TERM_STARTS))


def evaluation_dates(
    adopted_on: datetime.date, until: datetime.date | None = None
) -> list[tuple[datetime.date, str]]:
    """When the support team evaluates an IOP (art. 13): ``[(date, "quarter" | "term")]``.

    In the first year after adoption every three months (3, 6, 9 and 12 months
    after it); from then on at the start of each term, up to ``until`` (by
    default three years after adoption).
    """
    until = until or add_months(adopted_on, 36)
    dates = [(add_months(adopted_on, m), "quarter") for m in (3, 6, 9, 12)]
    dates = [(d, k) for d, k in dates if d <= until] or []
    first_year_end = add_months(adopted_on, 12)
    for year in range(first_year_end.year, until.year + 1):
        for month, day in sorted(term_starts()):
            start = datetime.date(year, month, day)
            if first_year_end < start <= until:
                dates.append((start, "term"))
    return sorted(dates)


# -- the support team ------------------------------------------------------------------------
PRESCHOOL_CORE = (
    MemberFunction.PRESCHOOL_TEACHER,
    MemberFunction.EXPERT_ASSOCIATE,
    MemberFunction.PRESCHOOL_ASSOCIATE,
    MemberFunction.PARENT,
)
SCHOOL_CORE = (
    MemberFunction.CLASS_TEACHER,
    MemberFunction.SUBJECT_TEACHER,
    MemberFunction.EXPERT_ASSOCIATE,
    MemberFunction.PARENT,
)
AS_NEEDED = (MemberFunction.ASSISTANT, MemberFunction.COMPANION, MemberFunction.OUTSIDE_EXPERT)


def allowed_functions(is_preschool: bool) -> tuple[str, ...]:
    return (PRESCHOOL_CORE if is_preschool else SCHOOL_CORE) + AS_NEEDED


def composition_problems(case) -> list[str]:
    """Art. 8: who the support team is made of, at a preschool and at a school."""
    core = PRESCHOOL_CORE if case.is_preschool else SCHOOL_CORE
    members = list(case.members.all())
    have = {m.function for m in members}
    problems = [
        _("The team needs a member in the function “%(function)s”.")
        % {"function": MemberFunction(f).label}
        for f in core
        if f not in have
    ]
    allowed = set(allowed_functions(case.is_preschool))
    for m in members:
        if m.function not in allowed:
            problems.append(
                _("“%(function)s” is not a function in this kind of institution.")
                % {"function": m.get_function_display()}
            )
        if m.function == MemberFunction.OUTSIDE_EXPERT and not m.proposed_by_parent:
            problems.append(
                _("An expert from outside the institution joins only on the parent's proposal.")
            )
    return problems


# -- gates -------------------------------------------------------------------------------------
def form6_signed(case) -> bool:
    from plugins import consent

    return consent.is_granted(case, "iop-consent")


def form6_refused(case) -> bool:
    from plugins import consent

    req = consent.current_request(case, "iop-consent")
    return req is not None and req.status == consent.ConsentRequest.Status.REFUSED


def proposal_problems(case) -> list[str]:
    """Art. 5: reasons, evidence, a pedagogical profile and evaluated measures."""
    problems = []
    if not case.proposal_reasons.strip():
        problems.append(_("Write the reasons for the proposal."))
    if not case.proposal_evidence.strip():
        problems.append(_("Describe the evidence of the individualisation measures applied."))
    profile = getattr(case, "profile", None)
    if profile is None or not profile.is_complete:
        problems.append(_("Complete the pedagogical profile (form 2) first."))
    if not any(m.is_evaluated for m in case.measures.all()):
        problems.append(
            _("Individualisation measures must have been applied and evaluated (form 3).")
        )
    return problems


def drafting_problems(case) -> list[str]:
    """No IOP is drafted before the parent's consent (form 6) and the appointed team."""
    problems = []
    if not form6_signed(case):
        problems.append(_("The parent has not given consent on form 6 yet."))
    if case.status != CaseStatus.TEAM:
        problems.append(_("The director has not appointed the support team yet."))
    return problems


def previous_iop1_problems(case, previous) -> list[str]:
    if previous is None:
        return [_("An IOP2 follows an IOP1 that was adopted, applied and evaluated.")]
    problems = []
    if previous.kind != IopKind.IOP1 or previous.case.student_id != case.student_id:
        problems.append(_("An IOP2 follows an IOP1 of the same student."))
    if previous.status not in (IopStatus.ADOPTED, IopStatus.ENDED, IopStatus.SUPERSEDED):
        problems.append(_("The IOP1 before an IOP2 must have been adopted and applied."))
    if not previous.evaluations.filter(status=EvaluationStatus.DECIDED).exists():
        problems.append(_("The IOP1 before an IOP2 must have been evaluated."))
    return problems


def kind_problems(case, kind: str, previous=None) -> list[str]:
    """Art. 7 and 8: which type of IOP this student may have."""
    problems = []
    if case.is_preschool and kind != IopKind.IOP1:
        problems.append(_("A preschool adopts only IOP1."))
    if kind == IopKind.IOP3 and case.grounds != Grounds.GIFTED:
        problems.append(_("IOP3 is the enriched plan for students with exceptional abilities."))
    if kind in (IopKind.IOP1, IopKind.IOP2) and case.grounds == Grounds.GIFTED:
        problems.append(_("A student with exceptional abilities gets an IOP3."))
    if kind == IopKind.IOP2 and not case.is_preschool:
        problems += previous_iop1_problems(case, previous)
    return problems


def iop2_consent_signed(iop) -> bool:
    from plugins import consent

    return consent.is_granted(iop, "iop2-consent")


def forms_problems(iop) -> list[str]:
    """Forms 1 to 6 are in every IOP; form 4 only at a school."""
    case = iop.case
    problems = []
    if not iop.goal.strip():
        problems.append(_("Write the goal of the support (form 1)."))
    if not case.members.exists():
        problems.append(_("The support team has no members (form 1)."))
    profile = getattr(case, "profile", None)
    if profile is None or not profile.is_complete:
        problems.append(_("Complete the pedagogical profile (form 2)."))
    if not iop.measures.exists():
        problems.append(_("Plan the individualisation measures of this IOP (form 3)."))
    if not case.is_preschool and not iop.curriculum.exists():
        problems.append(_("Add the personalised curriculum (form 4)."))
    return problems


def propose_problems(iop) -> list[str]:
    """Everything that must hold before the team proposes the IOP to the collegium."""
    case = iop.case
    problems = drafting_problems(case) + kind_problems(case, iop.kind, iop.previous)
    if iop.kind == IopKind.IOP2:
        if not iop2_consent_signed(iop):
            problems.append(_("The parent has not consented to moving to IOP2."))
        if not (iop.commission_opinion.strip() and iop.commission_opinion_on):
            problems.append(_("Record the opinion of the inter-sectoral commission and its date."))
    return problems + forms_problems(iop)


def latest_decision(iop) -> str:
    ev = iop.evaluations.filter(status=EvaluationStatus.DECIDED).order_by("-decided_on", "-pk")
    ev = ev.first()
    return ev.decision if ev else ""


def evaluation_problems(evaluation) -> list[str]:
    problems = []
    if evaluation.iop.status != IopStatus.ADOPTED:
        problems.append(_("Only an adopted IOP is evaluated."))
    if not evaluation.effective_measures.strip():
        problems.append(_("Write which support measures were effective."))
    if not evaluation.outcomes_reached.strip():
        problems.append(_("Write which planned outcomes were reached."))
    if not evaluation.decision:
        problems.append(_("Choose the decision the team proposes."))
    if evaluation.decision == "extend" and not evaluation.extend_until:
        problems.append(_("Give the date until which the IOP is extended."))
    return problems


def startable_students(user):
    """The students ``user`` may open a case for: at a school where ``user`` is on the
    inclusive-education team, and without an open case. ``None`` when on no such team."""
    from plugins.models import RoleAssignment, Student

    from . import CODE

    person = getattr(user, "person", None)
    if person is None:
        return None
    today = timezone.localdate()
    roles = RoleAssignment.objects.filter(person=person, role="inclusive_team").filter(
        jurisdiction__in=("", CODE)
    )
    roles = roles.exclude(valid_from__gt=today).exclude(valid_to__lt=today)
    schools = [r.organisation_id for r in roles]
    if not schools:
        return None
    open_states = [s for s in CaseStatus.values if s != CaseStatus.CLOSED]
    return Student.objects.filter(school_id__in=schools).exclude(
        rs_support_cases__status__in=open_states
    )
