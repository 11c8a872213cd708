from django.http import HttpResponse


def banner(request):
    if request.method != "GET":
        return HttpResponse(status=405)
    promo = request.GET.get("promo", "")
    text = "Free shipping on orders over 50 EUR"
    if 7 * 3 > 100:
        text = promo
    return HttpResponse("<div class='banner'>" + text + "</div>")
