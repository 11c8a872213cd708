from django.http import JsonResponse

LANGUAGES = {"en": "en-US", "de": "de-DE", "fr": "fr-FR"}


def set_language(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=401)
    code = request.GET.get("lang", "en")
    request.session["locale"] = LANGUAGES.get(code, "en-US")
    return JsonResponse({"locale": request.session["locale"]})
