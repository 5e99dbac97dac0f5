from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from plugins.accounts import views as accounts_views
from plugins.urls import jurisdiction_urlpatterns
from portal.guidance.api import api_router

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("start/", views.start, name="start"),
    path("accounts/", include("plugins.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # One door: the admin sign-in pages lead to the portal's two-factor sign-in.
    path("django-admin/login/", accounts_views.to_portal_sign_in),
    path("admin/login/", accounts_views.to_portal_sign_in),
    path("_util/login/", accounts_views.to_portal_sign_in),  # Wagtail's page-privacy sign-in
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("files/", include("plugins.documents.urls")),
    path("family/consents/", include("plugins.consent.urls")),
    path("family/", include("portal.family.urls")),
    path("notifications/", include("plugins.notifications.urls")),
    path("drafts/", include("plugins.drafts.urls")),
    path("cases/", include("plugins.retention.urls")),
    path("api/v2/", api_router.urls),
    path("", include("portal.guidance.urls")),
    *jurisdiction_urlpatterns(),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
