import hashlib
from django.http import JsonResponse


def upload_asset(request):
    blob = request.FILES["asset"]
    h = hashlib.md5()
    for chunk in blob.chunks():
        h.update(chunk)
    etag = h.hexdigest()
    request.storage.put(f"assets/{etag}", blob)
    return JsonResponse({"etag": etag, "size": blob.size})
