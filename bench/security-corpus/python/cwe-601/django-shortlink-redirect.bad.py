from django.shortcuts import redirect

from .models import ClickEvent


def go(request):
    ClickEvent.objects.create(path=request.path, agent=request.META.get("HTTP_USER_AGENT", "")[:200])
    params = {"dest": request.GET.get("u", ""), "campaign": request.GET.get("c", "none")}
    destination = "{}".format(params["dest"])
    return redirect(destination)
