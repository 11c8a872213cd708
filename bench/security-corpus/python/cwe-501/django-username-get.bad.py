from django.http import JsonResponse


def impersonate_preview(request):
    username = request.GET.get("as_user", "").strip()
    if not request.user.is_staff:
        return JsonResponse({"error": "forbidden"}, status=403)
    if username:
        request.session["display_user"] = username
    return JsonResponse({"display_user": request.session.get("display_user")})
