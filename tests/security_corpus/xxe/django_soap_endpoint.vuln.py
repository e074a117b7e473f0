from django.http import HttpResponse
from lxml import etree


def soap(request):
    envelope = etree.fromstring(request.body, etree.XMLParser(resolve_entities=True, no_network=False))
    action = envelope.findtext(".//Action") or "none"
    return HttpResponse(action, content_type="text/plain")
