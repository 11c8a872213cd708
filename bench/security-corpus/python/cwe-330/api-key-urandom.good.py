import os

from django.http import JsonResponse

from .models import ApiKey


def create_api_key(request):
    owner = request.user
    key = os.urandom(16).hex()
    ApiKey.objects.create(owner=owner, key=key, label=request.POST.get("label", ""))
    return JsonResponse({"api_key": key}, status=201)
