import socket
import pickle


def receive_job(sock: socket.socket) -> dict:
    size = int.from_bytes(sock.recv(4), "big")
    payload = sock.recv(size)
    return pickle.loads(payload)
