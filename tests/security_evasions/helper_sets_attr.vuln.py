import os


class Job:
    def __init__(self):
        self.command = "true"


def _configure(job, arg):
    job.command = "echo " + arg


def run_tool(arg):
    job = Job()
    _configure(job, arg)
    return os.system(job.command)
