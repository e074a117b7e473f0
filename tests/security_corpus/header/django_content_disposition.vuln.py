from django.http import HttpResponse


def invoice_pdf(request, number):
    title = request.GET.get("title", f"invoice-{number}")
    response = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="%s.pdf"' % title
    return response
