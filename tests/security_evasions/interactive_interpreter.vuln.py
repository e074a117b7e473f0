import code


def run_snippet(src):
    interp = code.InteractiveInterpreter()
    return interp.runsource(src)
