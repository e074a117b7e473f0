from django.http import HttpResponse


def preview(request):
    text = request.POST.get("comment", "")
    return HttpResponse("<div class='comment'>%s</div>" % text)
