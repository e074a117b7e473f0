from django.http import HttpResponse
from django.utils.html import escape


def preview(request):
    text = request.POST.get("comment", "")
    return HttpResponse("<div class='comment'>%s</div>" % escape(text))
