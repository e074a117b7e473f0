from django.http import JsonResponse

from reports import metrics


def metric_view(request):
    name = request.GET.get("metric", "visits")
    value = eval("metrics." + name + "()")
    return JsonResponse({"metric": name, "value": value})
