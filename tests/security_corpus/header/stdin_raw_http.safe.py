import socket
import sys

agent = sys.stdin.readline().rstrip("\n")
agent = agent.replace("\r", "").replace("\n", "")
request = f"GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: {agent}\r\nConnection: close\r\n\r\n"
with socket.create_connection(("example.com", 80)) as s:
    s.sendall(request.encode())
    print(s.recv(200))
