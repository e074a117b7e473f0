import os
import shlex


class Job:
    def __init__(self):
        self.command = "true"


def _configure(job, arg):
    job.command = "echo " + shlex.quote(arg)


def run_tool(arg):
    job = Job()
    _configure(job, arg)
    return os.system(job.command)
