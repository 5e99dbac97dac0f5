"""Record types of the Swedish individual development plan (IUP, *individuell utvecklingsplan*).

One ``DevelopmentPlan`` per student and term walks the staircase of
``PlanStatus``; its ``Goal`` rows carry their own small status workflow;
``Comment`` rows are the parties' preparation for the development talk
(*utvecklingssamtal*), booked on a mentor's ``TalkSlot``. ``Mentorship``
(who is mentor of which class) and ``Profile`` (a person's short
presentation and contact choice) are the relations the plugin adds.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.models import Group, Person, Student

#: The plugin's code: its registry code, URL namespace and ``/j/<code>/`` prefix.
CODE = "se-iup"

# -- terms ------------------------------------------------------------------------------------


def term_for(day: datetime.date | None = None) -> str:
    """The term a day falls in: ``HT2026`` (autumn, August to December) or ``VT2027`` (spring)."""
    day = day or timezone.localdate()
    return f"HT{day.year}" if day.month >= 8 else f"VT{day.year}"


def next_term(term: str) -> str:
    kind, year = term[:2], int(term[2:])
    return f"VT{year + 1}" if kind == "HT" else f"HT{year}"


def term_key(term: str) -> tuple[int, bool]:
    """Chronological sort key of a term: the spring term (VT) comes before the autumn term (HT)."""
    return int(term[2:]), term[:2] == "HT"


def latest_term(terms) -> str | None:
    """The latest of ``terms`` in time (not in spelling: ``VT2027`` is after ``HT2026``)."""
    terms = [t for t in terms if is_term(t)]
    return max(terms, key=term_key) if terms else None


def first_term_after(latest: str | None, day: datetime.date | None = None) -> str:
    """The term a new plan is proposed for: the one after ``latest``, never one already past.

    Without an earlier plan it is the current term; after a plan of an old term
    it is the current term too (the plan after it lies in the past).
    """
    current = term_for(day)
    if latest is None or not is_term(latest):
        return current
    following = next_term(latest)
    return max(following, current, key=term_key)


def terms_from(first: str, count: int = 4) -> list[tuple[str, str]]:
    """``count`` terms from ``first`` on, for a select box, oldest first."""
    terms = [first]
    while len(terms) < count:
        terms.append(next_term(terms[-1]))
    return [(t, term_label(t)) for t in terms]


def term_label(term: str) -> str:
    """A term in words, in the active language."""
    if not is_term(term):
        return term
    year = term[2:]
    if term.startswith("HT"):
        return str(_("Autumn term %(year)s") % {"year": year})
    return str(_("Spring term %(year)s") % {"year": year})


def is_term(value: str) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 6
        and value[:2] in ("HT", "VT")
        and value[2:].isdigit()
    )


def term_choices(around: datetime.date | None = None, before: int = 1, after: int = 4):
    """Terms near ``around`` for a select box, oldest first."""
    term = term_for(around)
    earlier = []
    current = term
    for _i in range(before):
        kind, year = current[:2], int(current[2:])
        current = f"HT{year - 1}" if kind == "VT" else f"VT{year}"
        earlier.insert(0, current)
    terms = [*earlier, term]
    current = term
    for _i in range(after):
        current = next_term(current)
        terms.append(current)
    return [(t, term_label(t)) for t in terms]


# -- the plan and its staircase ---------------------------------------------------------------


class PlanStatus(models.TextChoices):
    """The steps of the IUP staircase (*trappan*), in order."""

    PREPARING = "preparing", _("The school prepares goals and material")
    SELF_ASSESSMENT = "self_assessment", _("The student assesses themself")
    HOME = "home", _("Prepared at home")
    TALK_BOOKED = "talk_booked", _("Development talk booked")
    TALK_HELD = "talk_held", _("Development talk held")
    AGREED = "agreed", _("IUP agreed")
    FOLLOW_UP = "follow_up", _("Goals followed up")
    EVALUATED = "evaluated", _("Evaluated")
    ARCHIVED = "archived", _("Archived")


#: Steps in which the school may still change goals, material and the agreement text.
EDITABLE = (
    PlanStatus.PREPARING,
    PlanStatus.SELF_ASSESSMENT,
    PlanStatus.HOME,
    PlanStatus.TALK_BOOKED,
    PlanStatus.TALK_HELD,
)
#: Steps the family sees (everything after the school's preparation).
SHOWN_TO_FAMILY = tuple(s for s in PlanStatus.values if s != PlanStatus.PREPARING)
#: Steps in which a goal's status may change.
GOALS_OPEN = (
    PlanStatus.SELF_ASSESSMENT,
    PlanStatus.HOME,
    PlanStatus.TALK_BOOKED,
    PlanStatus.TALK_HELD,
    PlanStatus.AGREED,
    PlanStatus.FOLLOW_UP,
)
#: Steps in which the family comments (staff also while the school prepares).
COMMENTS_OPEN = (*GOALS_OPEN, PlanStatus.EVALUATED)
STAFF_COMMENTS_OPEN = (PlanStatus.PREPARING, *COMMENTS_OPEN)
#: Steps in which the student writes the self-assessment.
SELF_ASSESSMENT_OPEN = (PlanStatus.SELF_ASSESSMENT, PlanStatus.HOME, PlanStatus.TALK_BOOKED)
#: Steps in which the guardians write their preparation at home.
HOME_OPEN = (PlanStatus.HOME, PlanStatus.TALK_BOOKED)


class DevelopmentPlan(models.Model):
    """One student's IUP for one term (*individuell utvecklingsplan*)."""

    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, related_name="se_iup_plans", verbose_name=_("student")
    )
    term = models.CharField(_("term"), max_length=6)
    status = models.CharField(
        _("step"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PREPARING
    )
    #: The mentor who prepared the plan and confirms the agreement for the school.
    mentor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="se_iup_mentored_plans",
        verbose_name=_("mentor"),
    )
    material = models.TextField(
        _("material for the talk"),
        blank=True,
        help_text=_("The school's assessment and material the family reads before the talk."),
    )
    self_now = models.TextField(_("Where am I now?"), blank=True)
    self_reached = models.TextField(_("Which goals have I reached?"), blank=True)
    home_notes = models.TextField(_("Prepared at home"), blank=True)
    agreement = models.TextField(
        _("What we agreed"),
        blank=True,
        help_text=_("Written at the development talk; student, mentor and guardians confirm it."),
    )
    evaluation = models.TextField(_("Evaluation"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "student"

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "term"], name="se_iup_one_plan_per_term"),
            models.UniqueConstraint(
                fields=["student"],
                condition=~Q(status="archived"),
                name="se_iup_one_current_plan",
            ),
        ]
        verbose_name = _("individual development plan")
        verbose_name_plural = _("individual development plans")

    def __str__(self):
        return f"{self.student} {self.term}"

    def get_absolute_url(self):
        return reverse(f"{CODE}:plan", args=[self.pk])

    @property
    def term_label(self) -> str:
        return term_label(self.term)

    @property
    def is_archived(self) -> bool:
        return self.status == PlanStatus.ARCHIVED

    @property
    def staircase(self) -> list[dict]:
        """The steps of the staircase, each marked "done", "current" or "todo"."""
        here = list(PlanStatus.values).index(self.status)
        return [
            {
                "value": value,
                "label": label,
                "number": n,
                "state": "done" if n - 1 < here else ("current" if n - 1 == here else "todo"),
            }
            for n, (value, label) in enumerate(PlanStatus.choices, 1)
        ]


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Goal(models.Model):
    """A goal agreed in the plan, with criteria, an owner and the term it is due."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    title = models.CharField(_("goal"), max_length=200)
    criteria = models.TextField(
        _("criteria"), blank=True, help_text=_("How we know the goal is reached.")
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="se_iup_goals",
        verbose_name=_("owner"),
    )
    due_term = models.CharField(_("due term"), max_length=6)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    portal_student_path = "plan__student"

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"{CODE}:plan", args=[self.plan_id]) + f"#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"goal-{self.pk}"

    @property
    def due_term_label(self) -> str:
        return term_label(self.due_term)


#: The capacities people write in, for pages and documents.
ROLE_LABELS = {
    "mentor": _("Mentor"),
    "teacher": _("Teacher"),
    "guardian": _("Guardian"),
    "student": _("Student"),
}


class Comment(models.Model):
    """A comment on the plan or on one goal; everyone who sees the plan reads it."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="comments")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The author's name and capacity when writing (kept if the account goes).
    author_name = models.CharField(_("name"), max_length=200)
    author_role = models.CharField(_("as"), max_length=20)
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    portal_student_path = "plan__student"

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.author_name}: {self.text[:40]}"

    @property
    def author_role_label(self) -> str:
        return str(ROLE_LABELS.get(self.author_role, self.author_role))


# -- relations this plugin adds ----------------------------------------------------------------


class Mentorship(models.Model):
    """A member of staff is mentor of a class (*mentor*), independent of teaching."""

    mentor = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="se_iup_mentorships",
        verbose_name=_("mentor"),
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="se_iup_mentorships", verbose_name=_("class")
    )
    assigned_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentor", "group"], name="se_iup_mentor_once_per_class")
        ]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")

    def __str__(self):
        return f"{self.mentor} → {self.group}"


class TalkSlot(models.Model):
    """A time a mentor offers for development talks with the families of one class."""

    mentor = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="se_iup_slots", verbose_name=_("mentor")
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="se_iup_slots", verbose_name=_("class")
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=30)
    place = models.CharField(_("place"), max_length=120, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentor", "starts_at"], name="se_iup_slot_once")
        ]
        verbose_name = _("time for a talk")
        verbose_name_plural = _("times for talks")

    def __str__(self):
        return f"{self.group} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.minutes)


class TalkBooking(models.Model):
    """One booked talk: a slot holds at most one plan, a plan at most one slot.

    Both are enforced by unique constraints in the database, so two families
    choosing the same time at once end with one booking whatever the timing.
    """

    slot = models.OneToOneField(TalkSlot, on_delete=models.PROTECT, related_name="booking")
    plan = models.OneToOneField(DevelopmentPlan, on_delete=models.CASCADE, related_name="booking")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    booked_at = models.DateTimeField(default=timezone.now)

    portal_student_path = "plan__student"

    class Meta:
        verbose_name = _("booked talk")
        verbose_name_plural = _("booked talks")

    def __str__(self):
        return f"{self.plan} @ {self.slot}"


class Profile(models.Model):
    """A person's short presentation, and whether the class circle sees their contact details."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="se_iup_profile")
    about = models.TextField(_("About me"), max_length=500, blank=True)
    show_contact = models.BooleanField(
        _("Show my e-mail address and phone number to the class circle"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.person)
