import random

from django.http import JsonResponse

from .models import ApiKey


def create_api_key(request):
    owner = request.user
    key = "%032x" % random.getrandbits(128)
    ApiKey.objects.create(owner=owner, key=key, label=request.POST.get("label", ""))
    return JsonResponse({"api_key": key}, status=201)
