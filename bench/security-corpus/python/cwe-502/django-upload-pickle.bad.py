import pickle

from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def restore_model(request):
    body = request.body
    state = pickle.loads(body)
    weights = state.get("weights", [])
    return JsonResponse({"layers": len(weights), "version": state.get("version")})
