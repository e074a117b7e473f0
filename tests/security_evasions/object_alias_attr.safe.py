import os
import shlex


class Job:
    def __init__(self):
        self.command = "true"


def run_tool(arg):
    job = Job()
    j = job
    j.command = "echo " + shlex.quote(arg)
    return os.system(job.command)
