import tarfile
import tempfile
from django.http import JsonResponse


def import_bundle(request):
    upload = request.FILES["bundle"]
    workdir = tempfile.mkdtemp()
    with tarfile.open(fileobj=upload, mode="r:gz") as archive:
        archive.extractall(workdir, filter=tarfile.data_filter)
    return JsonResponse({"dir": workdir})
