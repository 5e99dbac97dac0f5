from django.core.management.base import BaseCommand

from jurisdictions.rs_pravilnik.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Remind support teams of IOP evaluations due within the next two weeks (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days-ahead", type=int, default=14)

    def handle(self, *args, **options):
        sent = send_due_reminders(days_ahead=options["days_ahead"])
        self.stdout.write(f"{sent} evaluation reminder(s) sent.")
