"""Multi-tenant document store: each tenant has its own directory under DATA_ROOT."""
import os
import re

from flask import Flask, abort, request, send_file

app = Flask(__name__)
DATA_ROOT = "/srv/tenants"


class TenantStore:
    """Files of one tenant; every path is checked to stay inside the tenant's root."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)

    def path_for(self, name: str) -> str:
        full = os.path.realpath(os.path.join(self.root, name))
        if os.path.commonpath([self.root, full]) != self.root:
            raise PermissionError(name)
        return full


@app.get("/docs/<path:name>")
def get_doc(name: str):
    tenant = request.headers.get("X-Tenant", "public")
    if not re.fullmatch(r"[a-z0-9-]{1,32}", tenant):
        abort(400)
    store = TenantStore(os.path.join(DATA_ROOT, tenant))
    try:
        return send_file(store.path_for(name))
    except PermissionError:
        abort(403)
