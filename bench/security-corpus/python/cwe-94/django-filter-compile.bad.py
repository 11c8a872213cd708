from django.http import JsonResponse

from .models import Ticket


def filter_tickets(request):
    condition = request.POST.get("condition", "True")
    source = "lambda t: " + condition
    code = compile(source, "<filter>", "eval")
    predicate = eval(code)
    tickets = [t for t in Ticket.objects.all()[:500] if predicate(t)]
    return JsonResponse({"ids": [t.pk for t in tickets]})
