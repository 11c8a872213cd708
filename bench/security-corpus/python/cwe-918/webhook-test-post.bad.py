import requests
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def test_webhook(request):
    endpoint = request.POST["endpoint"].strip()
    payload = {"event": "ping", "source": "settings-page"}
    r = requests.post(endpoint, json=payload, timeout=10)
    return JsonResponse({"delivered": r.ok, "code": r.status_code})
