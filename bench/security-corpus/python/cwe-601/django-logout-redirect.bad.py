from django.contrib.auth import logout
from django.http import HttpResponseRedirect


def logout_view(request):
    destination = request.GET.get("return_to", "/")
    username = request.user.get_username()
    logout(request)
    request.session.flush()
    response = HttpResponseRedirect(destination)
    response.delete_cookie("last_user")
    return response if username else HttpResponseRedirect("/")
