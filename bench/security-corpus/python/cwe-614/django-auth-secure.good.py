from django.http import JsonResponse

from .tokens import issue_access_token


def obtain_token(request):
    user = request.user
    access = issue_access_token(user.pk)
    response = JsonResponse({"user": user.get_username()})
    response.set_cookie("access_token", access, max_age=3600, secure=True, httponly=True, samesite="Strict")
    return response
