from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content import demo


class Command(BaseCommand):
    help = "Load the fictional demo county, schools, people and accounts (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo data is only for development: it refuses to load when DEBUG is off, "
                "because it creates accounts with published passwords."
            )
        demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
