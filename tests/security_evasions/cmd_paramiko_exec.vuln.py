"""Remote disk-usage report over SSH for the admin panel."""
import paramiko
from flask import Flask, jsonify, request

app = Flask(__name__)
SSH_HOST = "files.internal"
SSH_USER = "report"


def remote_du(directory: str) -> str:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.load_system_host_keys()
    client.connect(SSH_HOST, username=SSH_USER, key_filename="/etc/report/id_ed25519")
    try:
        _, stdout, _ = client.exec_command(f"du -sh {directory}")
        return stdout.read().decode()
    finally:
        client.close()


@app.get("/admin/du")
def disk_usage():
    return jsonify(report=remote_du(request.args.get("dir", "/srv")))
