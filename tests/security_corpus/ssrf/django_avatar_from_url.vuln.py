import urllib.request
from django.http import HttpResponse


def import_avatar(request):
    host = request.GET.get("host", "gravatar.com")
    user = request.GET.get("user", "")
    url = f"https://{host}/avatar/{user}"
    with urllib.request.urlopen(url, timeout=10) as resp:
        return HttpResponse(resp.read(), content_type="image/png")
