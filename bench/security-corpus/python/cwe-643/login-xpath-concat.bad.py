from django.http import JsonResponse
from lxml import etree


def xml_login(request):
    username = request.POST.get("username", "")
    pin = request.POST.get("pin", "")
    doc = etree.parse("/etc/app/operators.xml")
    expr = "//operator[login/text()='" + username + "' and pin/text()='" + pin + "']"
    matches = doc.xpath(expr)
    return JsonResponse({"authenticated": bool(matches)})
