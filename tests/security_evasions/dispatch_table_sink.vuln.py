import os

def handle(action, arg):
    actions = {"run": os.system, "show": print}
    return actions[action]("echo " + arg)
