import os

from django.http import HttpResponse


def dns_lookup(request):
    domain = request.GET["domain"]
    record_type = "MX"
    command = "dig +short %s %s" % (record_type, domain)
    with os.popen(command) as pipe:
        answer = pipe.read()
    return HttpResponse(answer, content_type="text/plain")
