import os
import socket

PORT = 9000


def serve():
    """Tiny lookup service: a client sends a host name, we answer with its address."""
    srv = socket.create_server(("127.0.0.1", PORT))
    conn, _ = srv.accept()
    host = conn.makefile("r", encoding="utf-8").readline().strip()
    answer = os.popen("host " + host).read()
    conn.sendall(answer.encode())
    conn.close()


if __name__ == "__main__":
    serve()
