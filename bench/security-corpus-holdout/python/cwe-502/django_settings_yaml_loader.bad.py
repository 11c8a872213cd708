import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def import_settings(request):
    upload = request.FILES["config"]
    content = upload.read().decode("utf-8")
    try:
        settings = yaml.load(content, Loader=yaml.Loader)
    except yaml.YAMLError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    request.user.profile.preferences = settings.get("preferences", {})
    request.user.profile.save()
    return JsonResponse({"imported": list(settings.keys())})
