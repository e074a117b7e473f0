from django.http import HttpResponse
from urllib.parse import quote


def invoice_pdf(request, number):
    title = request.GET.get("title", f"invoice-{number}")
    response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
    response["Content-Disposition"] = "inline; filename*=UTF-8''%s.pdf" % quote(title)
    return response
