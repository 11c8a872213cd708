import os

from django.http import Http404, HttpResponse

BASE = "/data/attachments"


def attachment(request, ticket_id):
    doc = request.GET.get("doc", "")
    candidate = os.path.realpath(os.path.join(BASE, str(ticket_id), doc))
    if os.path.commonpath([candidate, BASE]) != BASE:
        raise Http404("no such attachment")
    with open(candidate, "rb") as fh:
        data = fh.read()
    return HttpResponse(data, content_type="application/octet-stream")
