from django.db import connection
from django.http import JsonResponse


def user_profile(request):
    username = request.GET.get("username", "").strip()
    query = "SELECT id, email, display_name FROM accounts_user WHERE username = %s"
    with connection.cursor() as cursor:
        cursor.execute(query, [username])
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"error": "not found"}, status=404)
    return JsonResponse({"id": row[0], "email": row[1], "name": row[2]})
