import random
from django.http import JsonResponse
from teams.models import Invite


def create_invite(request, team_id):
    code = "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=10))
    Invite.objects.create(team_id=team_id, code=code)
    return JsonResponse({"code": code})
