from django.http import HttpResponse


def tagged(request):
    tag = request.GET.get("tag", "")
    response = HttpResponse("ok")
    response["X-Request-Tag"] = "".join(ch for ch in tag if ch.isprintable())
    return response
