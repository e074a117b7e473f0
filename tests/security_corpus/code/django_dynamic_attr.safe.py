from django.http import JsonResponse

from reports import metrics


def metric_view(request):
    name = request.GET.get("metric", "visits")
    func = getattr(metrics, name, None) if name in metrics.PUBLIC else None
    if func is None:
        return JsonResponse({"error": "unknown metric"}, status=404)
    value = func()
    return JsonResponse({"metric": name, "value": value})
