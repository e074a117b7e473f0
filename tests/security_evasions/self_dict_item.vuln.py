import os


class Runner:
    def __init__(self):
        self.opts = {"cmd": "true"}

    def run(self, arg):
        self.opts["cmd"] = "echo " + arg
        return os.system(self.opts["cmd"])
