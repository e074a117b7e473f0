from django.http import HttpResponse


def tagged(request):
    tag = request.GET.get("tag", "")
    response = HttpResponse("ok")
    response["X-Request-Tag"] = tag
    return response
