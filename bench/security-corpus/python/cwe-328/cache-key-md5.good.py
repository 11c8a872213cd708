import hashlib
import json

from django.core.cache import cache
from django.http import JsonResponse

from .search import run_search


def cached_search(request):
    params = {"q": request.GET.get("q", ""), "page": request.GET.get("page", "1")}
    cache_key = "search:" + hashlib.md5(json.dumps(params, sort_keys=True).encode()).hexdigest()
    results = cache.get(cache_key)
    if results is None:
        results = run_search(params["q"], int(params["page"]))
        cache.set(cache_key, results, 300)
    return JsonResponse({"results": results})
