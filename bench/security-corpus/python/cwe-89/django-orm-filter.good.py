from django.http import JsonResponse

from .models import Customer


def find_customers(request):
    city = request.GET.get("city", "")
    name_prefix = request.GET.get("prefix", "")
    qs = Customer.objects.filter(city=city, last_name__startswith=name_prefix).order_by("last_name")
    data = [{"id": c.pk, "name": c.get_full_name(), "city": c.city} for c in qs[:50]]
    return JsonResponse({"results": data})
