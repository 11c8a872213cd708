import subprocess
from django.http import HttpResponse


def convert_document(request):
    src = request.POST["filename"]
    fmt = request.POST.get("format", "pdf")
    cmd = "libreoffice --headless --convert-to {} /srv/docs/{}".format(fmt, src)
    try:
        out = subprocess.check_output(cmd, shell=True, timeout=60)
    except subprocess.CalledProcessError as exc:
        return HttpResponse("conversion failed: %s" % exc.returncode, status=500)
    return HttpResponse(out, content_type="text/plain")
