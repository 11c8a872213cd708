from pathlib import Path

from django.http import HttpResponse

BASE = Path("/data/attachments")


def attachment(request, ticket_id):
    doc = request.GET.get("doc", "")
    if doc.endswith(".pdf"):
        target = BASE / str(ticket_id) / doc
    else:
        target = BASE / str(ticket_id) / (doc + ".txt")
    data = target.read_bytes()
    return HttpResponse(data, content_type="application/octet-stream")
