from django.http import HttpResponse
from django.utils.html import escape


def greeting(request):
    name = request.GET.get("name", "guest")
    visits = request.session.get("visits", 0) + 1
    request.session["visits"] = visits
    html = "<div class='welcome'>Welcome back, " + escape(name.title()) + "!</div>"
    html += "<p>Visit number %d</p>" % visits
    return HttpResponse(html)
