import json

from django.core.management.base import BaseCommand

from plugins.registry import registry


class Command(BaseCommand):
    help = "List installed jurisdiction plugins with their roles, workflows and consents."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the same as JSON.")

    def handle(self, *args, **options):
        described = [j.describe() for j in registry.all()]
        if options["json"]:
            self.stdout.write(json.dumps(described, indent=2, ensure_ascii=False))
            return
        if not described:
            self.stdout.write("No jurisdiction plugins are installed.")
            return
        for d in described:
            self.stdout.write(
                self.style.MIGRATE_HEADING(f"{d['code']}  {d['name']}  v{d['version']}")
            )
            self.stdout.write(
                f"  app: {d['app']}   languages: {', '.join(d['languages']) or '-'}   "
                f"age of majority: {d['age_of_majority']}   urls: {d['url_prefix'] or '-'}"
            )
            self.stdout.write("  roles:")
            for r in d["roles"]:
                self.stdout.write(f"    {r['code']:<16} {r['label']}  ({r['relation']})")
            self.stdout.write("  role matrix:")
            for c in d["matrix"]:
                when = f"  when {c['when']}" if c["when"] else ""
                self.stdout.write(
                    f"    {c['record']}.{c['action']:<10} {', '.join(c['roles'])}{when}"
                )
            self.stdout.write("  workflows:")
            for wf in d["workflows"]:
                self.stdout.write(f"    {wf['record']} ({wf['field']}, starts {wf['initial']})")
                for t in wf["transitions"]:
                    extra = []
                    if t["consent"]:
                        extra.append(f"needs consent {t['consent']}")
                    if t["step_up"]:
                        extra.append("needs step-up")
                    # The consent is listed once, not again as the guard it becomes.
                    consent_guard = f"consent {t['consent']} signed" if t["consent"] else None
                    extra.extend(f"guard: {g}" for g in t["guards"] if g != consent_guard)
                    tail = f"  [{'; '.join(extra)}]" if extra else ""
                    self.stdout.write(
                        f"      {'|'.join(t['from'])} -> {t['to']}  {t['name']} by {', '.join(t['roles'])}{tail}"
                    )
            self.stdout.write("  consents:")
            for c in d["consents"] or [{"code": "-", "label": "", "signers": "", "unlocks": ""}]:
                self.stdout.write(
                    f"    {c['code']}  {c['label']}  signers: {c['signers']}  unlocks: {c['unlocks']}"
                )
            self.stdout.write("")
