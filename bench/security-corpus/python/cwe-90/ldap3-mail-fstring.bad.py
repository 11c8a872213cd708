from django.http import JsonResponse
from ldap3 import ALL, Connection, Server


def find_by_mail(request):
    email = request.GET.get("email", "").strip()
    server = Server("ldaps://ldap.example.com", get_info=ALL)
    conn = Connection(server, auto_bind=True)
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(mail={email}))", attributes=["cn", "telephoneNumber"])
    entries = [{"cn": str(e.cn), "phone": str(e.telephoneNumber)} for e in conn.entries]
    conn.unbind()
    return JsonResponse({"entries": entries})
