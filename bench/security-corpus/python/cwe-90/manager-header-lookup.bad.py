import ldap
from django.http import JsonResponse


def manager_lookup(request):
    employee = request.headers.get("X-Employee-Id", "")
    criteria = {"uid": employee.strip()}
    search_filter = "(&(objectClass=person)(uid=%(uid)s))" % criteria
    conn = ldap.initialize("ldap://ldap.example.com")
    result = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter, ["manager"])
    managers = [attrs.get("manager", [b""])[0].decode() for _, attrs in result]
    return JsonResponse({"managers": managers})
