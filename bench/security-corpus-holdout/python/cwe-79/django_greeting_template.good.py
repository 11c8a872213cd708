from django.shortcuts import render


def greeting(request):
    name = request.GET.get("name", "visitor")
    lang = request.GET.get("lang", "en")
    salutation = "Bonjour" if lang == "fr" else "Hello"
    return render(request, "portal/greeting.html", {"salutation": salutation, "name": name})
