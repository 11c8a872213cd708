import operator

from django.http import JsonResponse

OPERATIONS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "max": max}


def combine(request):
    op_name = request.GET.get("op", "add")
    a = float(request.GET.get("a", "0"))
    b = float(request.GET.get("b", "0"))
    func = OPERATIONS.get(op_name)
    if func is None:
        return JsonResponse({"error": "unsupported op"}, status=400)
    return JsonResponse({"result": func(a, b)})
