from django.http import JsonResponse


def cached(request):
    key = request.headers.get("X-Cache-Key", "default")
    response = JsonResponse({"cached": True})
    response.headers["Surrogate-Key"] = key
    return response
