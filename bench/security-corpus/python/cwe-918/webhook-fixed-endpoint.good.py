import requests
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def test_webhook(request):
    message = request.POST.get("message", "ping")
    payload = {"event": "ping", "message": message}
    r = requests.post(settings.NOTIFY_WEBHOOK_URL, json=payload, timeout=10)
    return JsonResponse({"delivered": r.ok, "code": r.status_code})
