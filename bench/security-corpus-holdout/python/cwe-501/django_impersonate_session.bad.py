from django.http import HttpResponseRedirect


def switch_account(request):
    account = request.GET.get("account_id")
    if not account:
        return HttpResponseRedirect("/accounts/")
    request.session["active_account_id"] = account
    request.session.modified = True
    return HttpResponseRedirect("/dashboard/")
