from django.conf import settings
from django.http import JsonResponse
import requests


def sync_crm(request):
    resp = requests.get(
        "https://crm.example.com/api/contacts",
        auth=(settings.CRM_USER, settings.CRM_PASSWORD),
        timeout=15,
    )
    return JsonResponse({"contacts": len(resp.json())})
