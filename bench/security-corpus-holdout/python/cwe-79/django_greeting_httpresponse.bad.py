from django.http import HttpResponse


def greeting(request):
    name = request.GET.get("name", "visitor")
    lang = request.GET.get("lang", "en")
    salutation = "Bonjour" if lang == "fr" else "Hello"
    return HttpResponse("<h2>%s, %s!</h2><p>Welcome to the portal.</p>" % (salutation, name))
