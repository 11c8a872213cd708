from django.http import HttpResponse

REPORT_ROOT = "/var/reports/"


def read_report(request):
    name = request.GET["name"]
    year = request.GET.get("year", "2024")
    full_path = REPORT_ROOT + year + "/" + name + ".csv"
    with open(full_path, encoding="utf-8") as fh:
        content = fh.read()
    return HttpResponse(content, content_type="text/csv")
