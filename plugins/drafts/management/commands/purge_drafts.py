from django.core.management.base import BaseCommand

from plugins.drafts.service import purge_stale_drafts


class Command(BaseCommand):
    help = "Delete drafts nobody touched for PORTAL_DRAFT_MAX_AGE_DAYS (default 30) days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        deleted = purge_stale_drafts(days)
        self.stdout.write(f"{deleted} draft(s) deleted.")
