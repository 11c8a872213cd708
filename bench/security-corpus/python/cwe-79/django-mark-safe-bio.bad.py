from django.shortcuts import render
from django.utils.safestring import mark_safe


def profile_preview(request):
    bio = request.POST.get("bio", "")
    if len(bio) > 2000:
        bio = bio[:2000]
    lines = bio.split("\n")
    formatted = mark_safe("<br>".join(lines))
    return render(request, "profiles/preview.html", {"bio": formatted})
