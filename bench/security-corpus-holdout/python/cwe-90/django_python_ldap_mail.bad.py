import ldap
from django.conf import settings
from django.http import JsonResponse


def find_by_email(request):
    email = request.GET["email"]
    conn = ldap.initialize(settings.LDAP_URI)
    conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
    flt = "(&(objectClass=inetOrgPerson)(mail=%s))" % email
    results = conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, flt, ["uid", "cn"])
    conn.unbind_s()
    return JsonResponse({"matches": [dn for dn, _ in results]})
