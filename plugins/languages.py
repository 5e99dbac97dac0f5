"""Start-up checks of the interface languages: every language has its catalogues.

The portal offers its six languages plus any a plugin adds (``UI_LANGUAGES``
in the plugin's package, read by ``plugins.discovery`` while settings load).
A plugin that adds a language ships a catalogue for it; every jurisdiction
ships catalogues for every language the portal offers. English is the source
language of the msgids and needs none.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.utils.translation import to_locale

SOURCE_LANGUAGE = "en"


def _catalogue(locale_dir: Path, code: str) -> Path:
    return locale_dir / to_locale(code) / "LC_MESSAGES" / "django.mo"


@checks.register(checks.Tags.translation)
def check_catalogues(app_configs=None, **kwargs):
    from plugins.registry import registry

    problems = []
    codes = [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]
    for jurisdiction in registry.all():
        config = apps.get_app_config(jurisdiction.app_label)
        locale_dir = Path(config.path) / "locale"
        missing = [code for code in codes if not _catalogue(locale_dir, code).is_file()]
        if missing:
            problems.append(
                checks.Warning(
                    f"Jurisdiction {jurisdiction.code!r} has no compiled catalogue for "
                    f"{', '.join(missing)}: its pages show English to those readers.",
                    hint="Run scripts/update_translations.sh, translate, and compile.",
                    obj=config.name,
                    id="portal.W101",
                )
            )
    return problems
