import os
import shlex

def handle(action, arg):
    actions = {"run": os.system, "show": print}
    return actions[action]("echo " + shlex.quote(arg))
