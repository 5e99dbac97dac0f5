from django.http import HttpResponse

from plugins.access import get_permitted_or_404, permitted

from .models import Case


def case_list(request):
    cases = permitted(request.user, "view", Case.objects.order_by("pk"))
    return HttpResponse(",".join(str(c.pk) for c in cases), content_type="text/plain")


def case_detail(request, pk):
    case = get_permitted_or_404(request.user, "view", Case.objects.all(), pk=pk)
    return HttpResponse(f"case {case.pk}", content_type="text/plain")
