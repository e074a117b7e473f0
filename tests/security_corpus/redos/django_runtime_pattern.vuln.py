import re
from django.http import JsonResponse

from catalog.models import Product


def product_search(request):
    prefix = request.GET.get("prefix", "")
    pattern = "^" + prefix + ".*"
    names = [p.name for p in Product.objects.all() if re.match(pattern, p.name)]
    return JsonResponse({"names": names})
