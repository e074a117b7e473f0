from django.views import View
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


class ContinueView(View):
    def get(self, request):
        nxt = request.GET.get("continue", "/")
        allowed = url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}, require_https=True)
        return HttpResponseRedirect(nxt if allowed else "/")
