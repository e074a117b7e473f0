from pathlib import Path
from django.http import JsonResponse

EXPORTS = Path("/srv/exports")


def save_export(request):
    name = request.POST["name"]
    target = EXPORTS / f"{Path(name).name}.csv"
    target.write_text(request.POST.get("rows", ""))
    return JsonResponse({"saved": str(target)})
