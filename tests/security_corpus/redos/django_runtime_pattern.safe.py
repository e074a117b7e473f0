import re
from django.http import JsonResponse

from catalog.models import Product


def product_search(request):
    prefix = request.GET.get("prefix", "")
    names = [p.name for p in Product.objects.all() if p.name.startswith(prefix)]
    return JsonResponse({"names": names})
