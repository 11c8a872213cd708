from django.http import JsonResponse
from lxml import etree

CATALOG = etree.parse("/srv/data/catalog.xml")


def books_by_genre(request):
    genre = request.GET.get("genre", "fiction")
    titles = CATALOG.xpath("//book[@genre='%s']/title/text()" % genre)
    return JsonResponse({"genre": genre, "titles": [str(t) for t in titles]})
