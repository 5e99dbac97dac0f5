"""Keep the demo guidance's PO files in step with its bokmål source.

    manage.py guidance_translations update   # after editing content/guidance_texts.py
    manage.py guidance_translations latin    # Serbian Latin from the Cyrillic files
    manage.py guidance_translations check    # every file complete and current (exit 1 if not)

``update`` and ``check`` read the bokmål pages of the demo in the database
(``manage.py load_demo`` first).
"""

from django.core.management.base import BaseCommand, CommandError

from content import guidance_demo, page_translations


class Command(BaseCommand):
    help = "Update, transliterate or check the PO files of the demo guidance's translations."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "latin", "check"])

    def handle(self, *args, action, **options):
        if action == "latin":
            written = page_translations.latin_from_cyrillic()
            self.stdout.write(f"{len(written)} Serbian Latin files written.")
            return
        import polib
        from django.utils import timezone

        today = timezone.localdate()
        y0 = today.year if today.month >= 8 else today.year - 1
        result = guidance_demo.load(y0, languages=())
        missing = 0
        for name, instance in guidance_demo.sources(result, y0):
            current = page_translations.source_po(instance)
            for language in guidance_demo.TRANSLATIONS:
                path = page_translations.po_path(language, name)
                stored = polib.pofile(str(path)) if path.exists() else None
                if action == "update":
                    untranslated = page_translations.write_po(path, current, stored)
                else:
                    aligned = page_translations.aligned(current, stored or polib.POFile())
                    untranslated = sum(1 for entry in aligned if not entry.msgstr)
                if untranslated:
                    missing += untranslated
                    self.stdout.write(f"{path}: {untranslated} untranslated")
        if action == "check" and missing:
            raise CommandError(f"{missing} strings of the demo guidance are untranslated.")
        self.stdout.write(self.style.SUCCESS(f"Done: {missing} untranslated."))
