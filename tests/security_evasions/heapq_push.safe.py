import heapq
import os
import shlex


def run_jobs(arg):
    queue = []
    heapq.heappush(queue, (1, "echo " + shlex.quote(arg)))
    heapq.heappush(queue, (2, "echo done"))
    while queue:
        _, command = heapq.heappop(queue)
        os.system(command)
