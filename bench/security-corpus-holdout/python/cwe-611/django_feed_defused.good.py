from defusedxml import ElementTree as ET
from django.http import JsonResponse


def import_feed(request):
    body = request.body
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    titles = [el.text or "" for el in root.iter("title")]
    return JsonResponse({"titles": titles})
