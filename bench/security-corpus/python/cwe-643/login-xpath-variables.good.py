from django.http import JsonResponse
from lxml import etree


def xml_login(request):
    username = request.POST.get("username", "")
    pin = request.POST.get("pin", "")
    doc = etree.parse("/etc/app/operators.xml")
    expr = "//operator[login/text()=$login and pin/text()=$pin]"
    matches = doc.xpath(expr, login=username, pin=pin)
    return JsonResponse({"authenticated": bool(matches)})
