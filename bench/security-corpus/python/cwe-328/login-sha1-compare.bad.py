import hashlib
import hmac

from django.contrib.auth import get_user_model
from django.http import JsonResponse


def login(request):
    User = get_user_model()
    user = User.objects.filter(username=request.POST.get("username", "")).first()
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    candidate = hashlib.sha1(request.POST.get("password", "").encode()).hexdigest()
    if not hmac.compare_digest(candidate, user.legacy_hash):
        return JsonResponse({"ok": False}, status=401)
    return JsonResponse({"ok": True})
