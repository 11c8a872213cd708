import os
from django.http import JsonResponse

AVATAR_ROOT = "/var/www/media/avatars"


def save_avatar(request):
    user_dir = request.POST.get("folder", "default")
    upload = request.FILES["avatar"]
    dest = os.path.realpath(os.path.join(AVATAR_ROOT, user_dir, upload.name))
    if not dest.startswith(AVATAR_ROOT + os.sep):
        return JsonResponse({"error": "invalid folder"}, status=400)
    with open(dest, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return JsonResponse({"stored": dest})
