import os
import shlex


class Runner:
    def __init__(self):
        self.opts = {"cmd": "true"}

    def run(self, arg):
        self.opts["cmd"] = "echo " + shlex.quote(arg)
        return os.system(self.opts["cmd"])
