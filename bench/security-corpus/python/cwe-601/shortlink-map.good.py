from django.http import Http404
from django.shortcuts import redirect

SHORTLINKS = {
    "docs": "https://docs.example.com/",
    "blog": "https://blog.example.com/",
    "status": "https://status.example.com/",
}


def go(request):
    key = request.GET.get("u", "")
    if key not in SHORTLINKS:
        raise Http404("unknown link")
    return redirect(SHORTLINKS[key])
