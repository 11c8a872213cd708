import os

from django.http import HttpResponse, HttpResponseForbidden

KNOWN_DOMAINS = {"example.com", "example.org", "mail.example.com"}


def dns_lookup(request):
    domain = request.GET["domain"]
    if domain not in KNOWN_DOMAINS:
        return HttpResponseForbidden("unknown domain")
    command = "dig +short MX %s" % domain
    with os.popen(command) as pipe:
        answer = pipe.read()
    return HttpResponse(answer, content_type="text/plain")
