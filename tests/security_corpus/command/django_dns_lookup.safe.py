import subprocess
from django.http import HttpResponse


def dig(request):
    domain = request.GET.get("domain", "")
    result = subprocess.run(["dig", "+short", domain], capture_output=True, text=True).stdout
    return HttpResponse(result, content_type="text/plain")
