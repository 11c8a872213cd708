from django.db import connection
from django.http import JsonResponse

SORT_COLUMNS = {
    "created": "created_at",
    "total": "total",
    "status": "status",
}


def order_history(request):
    customer = request.GET.get("customer_id")
    sort = SORT_COLUMNS.get(request.GET.get("sort"), "created_at")
    query = "SELECT id, total, status FROM orders WHERE customer_id = %s ORDER BY " + sort
    with connection.cursor() as cursor:
        cursor.execute(query, [customer])
        rows = cursor.fetchall()
    keys = ("id", "total", "status")
    return JsonResponse({"orders": [dict(zip(keys, r)) for r in rows]})
