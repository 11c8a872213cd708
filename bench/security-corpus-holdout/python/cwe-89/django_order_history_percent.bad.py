from django.db import connection
from django.http import JsonResponse


def order_history(request):
    customer = request.GET.get("customer_id")
    sort = request.GET.get("sort", "created_at")
    query = "SELECT id, total, status FROM orders WHERE customer_id = '%s' ORDER BY %s" % (customer, sort)
    with connection.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    keys = ("id", "total", "status")
    return JsonResponse({"orders": [dict(zip(keys, r)) for r in rows]})
