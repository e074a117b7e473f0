from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
def rename_project(request, project_id: int):
    new_name = request.POST["name"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects SET name = '%s' WHERE id = %d" % (new_name, project_id))
    return HttpResponse(status=204)
