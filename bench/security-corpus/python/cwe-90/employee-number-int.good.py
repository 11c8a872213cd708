import ldap
from django.http import JsonResponse


def manager_lookup(request):
    employee_no = int(request.GET.get("employee", "0"))
    search_filter = "(&(objectClass=person)(employeeNumber=%d))" % employee_no
    conn = ldap.initialize("ldap://ldap.example.com")
    result = conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter, ["manager"])
    managers = [attrs.get("manager", [b""])[0].decode() for _, attrs in result]
    return JsonResponse({"managers": managers})
