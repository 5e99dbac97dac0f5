"""A URLconf for tests: the portal's URLs plus one view behind step-up."""

from django.http import HttpResponse
from django.urls import path

from plugins.accounts.decorators import step_up_required
from portal.urls import urlpatterns as portal_urlpatterns


@step_up_required
def sign_something(request):
    return HttpResponse("signed")


urlpatterns = [path("test-sign/", sign_something), *portal_urlpatterns]
