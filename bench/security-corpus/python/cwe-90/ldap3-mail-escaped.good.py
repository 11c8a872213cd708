from django.http import JsonResponse
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars


def find_by_mail(request):
    email = escape_filter_chars(request.GET.get("email", "").strip())
    server = Server("ldaps://ldap.example.com", get_info=ALL)
    conn = Connection(server, auto_bind=True)
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(mail={email}))", attributes=["cn", "telephoneNumber"])
    entries = [{"cn": str(e.cn), "phone": str(e.telephoneNumber)} for e in conn.entries]
    conn.unbind()
    return JsonResponse({"entries": entries})
