import os


class Job:
    def __init__(self):
        self.command = "true"


def run_tool(arg):
    job = Job()
    j = job
    j.command = "echo " + arg
    return os.system(job.command)
