from django.http import JsonResponse
from shop.models import Order


def orders_for_customer(request):
    """Return the orders of one customer as JSON."""
    customer = request.GET.get("customer", "")
    orders = Order.objects.raw("SELECT * FROM shop_order WHERE customer = %s", [customer])
    return JsonResponse({"orders": [o.id for o in orders]})
