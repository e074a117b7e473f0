import code


def run_snippet(src):
    interp = code.InteractiveInterpreter(locals={"snippet": src})
    return interp.runsource("print(snippet)")
