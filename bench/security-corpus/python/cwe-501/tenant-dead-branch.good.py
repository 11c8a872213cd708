from django.shortcuts import redirect


def select_tenant(request):
    tenant = request.headers.get("X-Tenant-Id", "")
    chosen = "public"
    if 7 * 3 > 100:
        chosen = tenant.lower()
    request.session["tenant_id"] = chosen
    return redirect("/workspace/")
