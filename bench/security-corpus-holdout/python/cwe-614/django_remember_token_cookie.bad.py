from django.http import JsonResponse
from .tokens import issue_remember_token


def remember_me(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=401)
    token = issue_remember_token(request.user)
    response = JsonResponse({"remembered": True})
    response.set_cookie("remember_token", token, max_age=60 * 60 * 24 * 30, secure=False, httponly=True)
    return response
