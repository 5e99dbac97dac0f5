"""Forms of the IUP pages. Labels are English source strings, translated in ``locale/``.

The plan's sections and the goals are ``VersionedModelForm``s: when two people
edit the same plan or goal at once, the second is told and keeps their text.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.editing import VersionedModelForm
from plugins.models import Person, TeachingAssignment

from .models import (
    Comment,
    DevelopmentPlan,
    Goal,
    Profile,
    TalkSlot,
    first_term_after,
    term_choices,
    term_label,
    terms_from,
)


class ProfileForm(forms.ModelForm):
    """The person's short presentation; e-mail and phone are kept on the person."""

    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=40)

    class Meta:
        model = Profile
        fields = ["about", "show_contact"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}
        help_texts = {
            "about": _(
                "A few words so others know who you are. Everyone in the class circle sees it."
            ),
            "show_contact": _(
                "The class circle: staff of the class, and the students and guardians of the "
                "classes you or your children belong to. Left unticked, your contact details stay hidden."
            ),
        }

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["email"].initial = person.email
        self.fields["phone"].initial = person.phone

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.person = self.person
        self.person.email = self.cleaned_data["email"]
        self.person.phone = self.cleaned_data["phone"].strip()
        if commit:
            self.person.save(update_fields=["email", "phone"])
            profile.save()
        return profile


class MaterialForm(VersionedModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["material", "agreement"]
        widgets = {
            "material": forms.Textarea(attrs={"rows": 8}),
            "agreement": forms.Textarea(attrs={"rows": 6}),
        }


class SelfAssessmentForm(VersionedModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["self_now", "self_reached"]
        widgets = {
            "self_now": forms.Textarea(attrs={"rows": 5}),
            "self_reached": forms.Textarea(attrs={"rows": 5}),
        }


class HomeForm(VersionedModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["home_notes"]
        widgets = {"home_notes": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "home_notes": _(
                "Talk at home about the goals and the student's self-assessment, "
                "and write down what you want to bring up at the talk."
            )
        }


class EvaluationForm(VersionedModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["evaluation"]
        widgets = {"evaluation": forms.Textarea(attrs={"rows": 6})}

    def clean_evaluation(self):
        text = self.cleaned_data["evaluation"].strip()
        if not text:
            raise forms.ValidationError(_("Write how the plan went before saving."))
        return text


def owner_choices(plan):
    """Who may own a goal: the student, the class's mentors and the student's teachers."""
    student = plan.student
    today = timezone.localdate()
    teachers = TeachingAssignment.objects.filter(
        school_year__starts__lte=today, school_year__ends__gte=today
    ).filter(models_q_student(student))
    ids = {student.person_id}
    if plan.mentor_id:
        ids.add(plan.mentor_id)
    ids |= set(
        Person.objects.filter(se_iup_mentorships__group_id=student.group_id).values_list(
            "pk", flat=True
        )
    )
    ids |= set(teachers.values_list("teacher_id", flat=True))
    return Person.objects.filter(pk__in=ids).order_by("family_name", "given_name")


def models_q_student(student):
    from django.db.models import Q

    q = Q(students=student)
    if student.group_id:
        q |= Q(group_id=student.group_id)
    return q


class GoalForm(VersionedModelForm):
    class Meta:
        model = Goal
        fields = ["title", "criteria", "owner", "due_term"]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["owner"].queryset = owner_choices(plan)
        self.fields["owner"].empty_label = _("Nobody in particular")
        self.fields["due_term"] = forms.ChoiceField(
            label=_("due term"), choices=term_choices(before=1, after=4)
        )
        if not self.instance.pk:
            self.fields["due_term"].initial = plan.term

    def save(self, commit=True):
        """A new goal joins its plan last in order."""
        goal = super().save(commit=False)
        if goal.pk is None:
            goal.plan = self.plan
            goal.position = self.plan.goals.count() + 1
        if commit:
            goal.save()
        return goal


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("Write a comment first.")

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a comment first."))
        return text


class SlotForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=10, max_value=120, initial=30
    )
    place = forms.CharField(label=_("Place"), max_length=120, required=False)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("time"):
            starts = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
            if starts <= timezone.now():
                raise forms.ValidationError(_("Choose a time in the future."))
            data["starts_at"] = starts
        return data

    def offer(self, mentor, group) -> bool:
        """Offer the time to the families of ``group``; False if ``mentor`` already offers it."""
        data = self.cleaned_data
        _slot, created = TalkSlot.objects.get_or_create(
            mentor=mentor,
            starts_at=data["starts_at"],
            defaults={"group": group, "minutes": data["minutes"], "place": data["place"]},
        )
        return created


class NewPlanForm(forms.Form):
    """The term of a student's next IUP: a term after the latest plan, the first one proposed.

    ``latest`` is the term of the student's latest plan (archived or not), or
    ``None``. The offered terms start at the proposal, so a term that already
    has a plan, or lies before it, is refused by the form, not by the save.
    """

    term = forms.ChoiceField(label=_("Term"))

    def __init__(self, *args, latest: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = latest
        self.proposed = first_term_after(latest)
        self.fields["term"].choices = terms_from(self.proposed, 4)
        self.fields["term"].initial = self.proposed
        self.fields["term"].error_messages["invalid_choice"] = (
            _("Choose a term after %(term)s for the new plan.") % {"term": term_label(latest)}
            if latest
            else _("Choose a term for the new plan.")
        )
        self.fields["term"].error_messages["required"] = _("Choose a term for the new plan.")


class BookingForm(forms.Form):
    slot = forms.ModelChoiceField(
        label=_("Choose a time"),
        queryset=TalkSlot.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("This time is no longer free. Choose one of the times shown."),
            "required": _("Choose a time."),
        },
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].label_from_instance = slot_label


def slot_label(slot) -> str:
    local = timezone.localtime(slot.starts_at)
    text = f"{local:%Y-%m-%d %H:%M}–{timezone.localtime(slot.ends_at):%H:%M}, {slot.mentor}"
    return f"{text}, {slot.place}" if slot.place else text
