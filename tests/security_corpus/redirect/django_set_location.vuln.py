from django.http import HttpResponse


def legacy(request):
    response = HttpResponse(status=301)
    response["Location"] = request.GET.get("path", "/")
    return response
