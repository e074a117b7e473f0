import subprocess
from django.http import HttpResponse


def dig(request):
    domain = request.GET.get("domain", "")
    result = subprocess.getoutput("dig +short " + domain)
    return HttpResponse(result, content_type="text/plain")
