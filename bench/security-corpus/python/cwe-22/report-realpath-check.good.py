import os

from django.http import HttpResponse, HttpResponseForbidden

REPORT_ROOT = "/var/reports"


def read_report(request):
    name = request.GET["name"]
    full_path = os.path.realpath(os.path.join(REPORT_ROOT, name + ".csv"))
    if not full_path.startswith(REPORT_ROOT + os.sep):
        return HttpResponseForbidden("invalid report")
    with open(full_path, encoding="utf-8") as fh:
        content = fh.read()
    return HttpResponse(content, content_type="text/csv")
