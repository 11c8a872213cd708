from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse("/srv/data/catalog.xml")
GENRES = ("fiction", "history", "science", "poetry")


def books_by_genre(request):
    genre = request.GET.get("genre", "fiction")
    if genre not in GENRES:
        return JsonResponse({"error": "unknown genre"}, status=400)
    titles = CATALOG.xpath("//book[@genre='%s']/title/text()" % genre)
    return JsonResponse({"genre": genre, "titles": [str(t) for t in titles]})
