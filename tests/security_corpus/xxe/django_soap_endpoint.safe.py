from django.http import HttpResponse
from defusedxml import ElementTree as ET


def soap(request):
    envelope = ET.fromstring(request.body)
    action = envelope.findtext(".//Action") or "none"
    return HttpResponse(action, content_type="text/plain")
