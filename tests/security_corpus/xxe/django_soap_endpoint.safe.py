from django.http import HttpResponse
from defusedxml.lxml import fromstring


def soap(request):
    envelope = fromstring(request.body)
    action = envelope.findtext(".//Action") or "none"
    return HttpResponse(action, content_type="text/plain")
