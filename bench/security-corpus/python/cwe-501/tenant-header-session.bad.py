from django.shortcuts import redirect


def select_tenant(request):
    tenant = request.headers.get("X-Tenant-Id", "")
    if tenant:
        chosen = tenant.lower()
    else:
        chosen = "public"
    request.session["tenant_id"] = chosen
    return redirect("/workspace/")
