from django.core.management.base import BaseCommand

from plugins.notifications.mail import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person one digest of their unread notices; at most one per person per day. "
        "Run it once a day (or more often: a second run on the same day sends nothing)."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
