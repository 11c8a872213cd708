from django.http import HttpResponseRedirect

THEMES = {"dark": "theme-dark", "light": "theme-light", "contrast": "theme-high-contrast"}


def set_theme(request):
    choice = request.GET.get("theme")
    request.session["theme_class"] = THEMES.get(choice, "theme-light")
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))
