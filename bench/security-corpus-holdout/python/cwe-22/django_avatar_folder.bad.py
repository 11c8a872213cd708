from django.http import JsonResponse


def save_avatar(request):
    user_dir = request.POST.get("folder", "default")
    upload = request.FILES["avatar"]
    dest = f"/var/www/media/avatars/{user_dir}/{upload.name}"
    with open(dest, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return JsonResponse({"stored": dest})
