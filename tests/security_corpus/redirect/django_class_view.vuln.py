from django.views import View
from django.http import HttpResponseRedirect


class ContinueView(View):
    def get(self, request):
        nxt = request.GET.get("continue", "/")
        return HttpResponseRedirect(nxt)
