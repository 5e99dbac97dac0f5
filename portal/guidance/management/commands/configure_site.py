from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.guidance.site_url import apply_base_url


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at PORTAL_BASE_URL (host name and port), so absolute "
        "page URLs and the API's html_url use the portal's real address. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", help="Address to use instead of the PORTAL_BASE_URL setting."
        )

    def handle(self, *args, **options):
        base_url = options.get("base_url") or settings.PORTAL_BASE_URL
        try:
            site = apply_base_url(base_url)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if site is None:
            raise CommandError("There is no default site: run migrate first.")
        self.stdout.write(self.style.SUCCESS(f"Site address: {site.root_url}"))
