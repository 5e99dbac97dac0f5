"""Booking the development talk: own child only, free slots only, one booking per slot."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from jurisdictions.se_iup import rules
from jurisdictions.se_iup.models import PlanStatus, TalkBooking, TalkSlot
from plugins.sdk import builders as b

from .conftest import make_plan, make_slot

pytestmark = pytest.mark.django_db


def test_guardian_books_a_free_slot_for_their_own_child(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    slot = make_slot(world.mentor, world.group, place="Sal 12")
    client = verified_client(world.ada_mum)
    page = client.get(f"/j/se-iup/plans/{plan.pk}/book/")
    assert page.status_code == 200 and "Sal 12" in page.content.decode()
    response = client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk})
    assert response.status_code == 302
    booking = TalkBooking.objects.get()
    assert (booking.plan, booking.slot, booking.booked_by) == (plan, slot, world.ada_mum)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.TALK_BOOKED


def test_another_childs_talk_answers_404(world, verified_client):
    plan = make_plan(world.bo, PlanStatus.HOME, mentor=world.mentor)
    slot = make_slot(world.mentor, world.group)
    client = verified_client(world.ada_mum)  # same class, other family
    assert client.get(f"/j/se-iup/plans/{plan.pk}/book/").status_code == 404
    assert client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}).status_code == 404
    assert not TalkBooking.objects.exists()


@pytest.mark.parametrize("who", ["ada_user", "teacher"])
def test_student_and_teacher_do_not_book(world, verified_client, who):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    slot = make_slot(world.mentor, world.group)
    response = verified_client(getattr(world, who)).post(
        f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}
    )
    assert response.status_code == 403
    assert not TalkBooking.objects.exists()


def test_a_taken_slot_cannot_be_booked(world, verified_client):
    slot = make_slot(world.mentor, world.group)
    bo_plan = make_plan(world.bo, PlanStatus.HOME, mentor=world.mentor)
    rules.book_slot(bo_plan, slot.pk, world.bo_guardian)
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    client = verified_client(world.ada_mum)
    page = client.get(f"/j/se-iup/plans/{plan.pk}/book/")
    assert slot not in page.context["form"].fields["slot"].queryset
    assert "There are no free times right now." in page.content.decode()
    response = client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk})
    assert response.status_code == 400
    assert "no longer free" in response.content.decode()
    assert TalkBooking.objects.get().plan == bo_plan
    plan.refresh_from_db()
    assert plan.status == PlanStatus.HOME
    # The service refuses as well, whatever the form said.
    with pytest.raises(rules.SlotTaken):
        rules.book_slot(plan, slot.pk, world.ada_mum)


def test_slots_of_another_class_past_slots_and_removed_mentors_are_not_free(world, verified_client):
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    other_class = make_slot(world.other_mentor, world.other_group)
    past = TalkSlot.objects.create(
        mentor=world.mentor.person,
        group=world.group,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
    )
    former = b.user()  # offered a time for the class but is no longer its mentor
    stale = make_slot(former, world.group)
    for slot in (other_class, past, stale):
        with pytest.raises(rules.BookingError):
            rules.book_slot(plan, slot.pk, world.ada_mum)
        response = verified_client(world.ada_mum).post(
            f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}
        )
        assert response.status_code == 400
    assert not TalkBooking.objects.exists()


def test_booking_only_in_the_home_step_and_only_once(world, verified_client):
    slot, second = make_slot(world.mentor, world.group), make_slot(world.mentor, world.group, 6)
    plan = make_plan(world.ada, PlanStatus.SELF_ASSESSMENT, mentor=world.mentor)
    client = verified_client(world.ada_mum)
    assert client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}).status_code == 403
    plan.status = PlanStatus.HOME
    plan.save()
    assert client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": slot.pk}).status_code == 302
    assert client.post(f"/j/se-iup/plans/{plan.pk}/book/", {"slot": second.pk}).status_code == 403
    assert TalkBooking.objects.count() == 1


def test_cancelling_frees_the_slot(world, verified_client):
    slot = make_slot(world.mentor, world.group)
    plan = make_plan(world.ada, PlanStatus.HOME, mentor=world.mentor)
    rules.book_slot(plan, slot.pk, world.ada_mum)
    client = verified_client(world.ada_dad)
    client.post(f"/j/se-iup/plans/{plan.pk}/step/", {"step": "cancel_booking"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.HOME and not TalkBooking.objects.exists()
    assert list(rules.free_slots(plan)) == [slot]


def test_mentor_offers_and_removes_times_only_for_their_class(world, verified_client):
    client = verified_client(world.mentor)
    data = {"day": "2999-11-12", "time": "14:00", "minutes": "30", "place": "Sal 12"}
    assert client.post(f"/j/se-iup/classes/{world.group.pk}/times/", data).status_code == 302
    assert client.post(f"/j/se-iup/classes/{world.other_group.pk}/times/", data).status_code == 404
    past = {**data, "day": "2000-01-01"}
    response = client.post(f"/j/se-iup/classes/{world.group.pk}/times/", past)
    assert (
        response.status_code == 400 and "Choose a time in the future." in response.content.decode()
    )
    slot = TalkSlot.objects.get()
    assert (
        verified_client(world.other_mentor).post(f"/j/se-iup/times/{slot.pk}/delete/").status_code
        == 404
    )
    assert client.post(f"/j/se-iup/times/{slot.pk}/delete/").status_code == 302
    assert not TalkSlot.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_guardians_booking_the_same_slot_at_once_get_one_booking(school):
    """Real threads, each with its own database connection, released together."""
    mentor = b.user()
    first = b.student(school_org=school)
    second = b.student(school_org=school)
    second.group = first.group
    second.save()
    from jurisdictions.se_iup.models import Mentorship

    Mentorship.objects.create(mentor=mentor.person, group=first.group)
    plans = [
        make_plan(first, PlanStatus.HOME, mentor=mentor),
        make_plan(second, PlanStatus.HOME, mentor=mentor),
    ]
    guardians = [b.guardian_of(first), b.guardian_of(second)]
    slot = make_slot(mentor, first.group)
    for _round in range(3):
        TalkBooking.objects.all().delete()
        for plan in plans:
            plan.status = PlanStatus.HOME
            plan.save()
        barrier = threading.Barrier(2)
        results = [None, None]

        def attempt(i, barrier=barrier, results=results):
            try:
                barrier.wait(timeout=10)
                rules.book_slot(plans[i], slot.pk, guardians[i])
                results[i] = "booked"
            except rules.SlotTaken:
                results[i] = "taken"
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                results[i] = repr(exc)
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(results) == ["booked", "taken"], results
        booking = TalkBooking.objects.get()
        assert booking.slot == slot
        winner = results.index("booked")
        assert booking.plan == plans[winner]
        for i, plan in enumerate(plans):
            plan.refresh_from_db()
            assert plan.status == (PlanStatus.TALK_BOOKED if i == winner else PlanStatus.HOME)
