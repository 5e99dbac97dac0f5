"""Mount every registered jurisdiction's URLconf under /j/<code>/."""

from django.urls import include, path

from plugins.registry import registry


def jurisdiction_urlpatterns():
    patterns = []
    for jurisdiction in registry.all():
        if jurisdiction.urls:
            patterns.append(
                path(
                    f"j/{jurisdiction.code}/",
                    include(
                        (jurisdiction.urls, jurisdiction.app_label), namespace=jurisdiction.code
                    ),
                )
            )
    return patterns
