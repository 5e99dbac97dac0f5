"""Plans whose two consents were both signed but still wait for a click start now.

Until this release a plan stayed "waiting for consent" after both the student
and a guardian had signed, until staff fired ``start``; the plan now starts
when the second consent is signed. Plans left waiting are moved on here, with
a history row that names no actor (the consent started them).
"""

from django.db import migrations

CODE = "no-troms-transition"
SPECS = ("transition-guardian", "transition-student")


def start_consented(apps, schema_editor):
    TransitionPlan = apps.get_model("no_troms_transition", "TransitionPlan")
    ConsentRequest = apps.get_model("consent", "ConsentRequest")
    TransitionLog = apps.get_model("plugins", "TransitionLog")
    for plan in TransitionPlan.objects.filter(status="awaiting_consent"):
        signed = set(
            ConsentRequest.objects.filter(
                jurisdiction=CODE,
                record_type="TransitionPlan",
                record_id=str(plan.pk),
                spec_code__in=SPECS,
                is_current=True,
                status="signed",
            ).values_list("spec_code", flat=True)
        )
        if signed != set(SPECS):
            continue
        plan.status = "active"
        plan.save(update_fields=["status"])
        TransitionLog.objects.create(
            jurisdiction=CODE,
            record_type="TransitionPlan",
            record_id=str(plan.pk),
            student_id=plan.student_id,
            transition="start",
            from_state="awaiting_consent",
            to_state="active",
            actor=None,
            actor_role="",
            note="Started: both consents were signed.",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("no_troms_transition", "0003_handover"),
        ("consent", "0001_initial"),
        ("plugins", "0004_audit_detail"),
    ]

    operations = [migrations.RunPython(start_consented, migrations.RunPython.noop)]
