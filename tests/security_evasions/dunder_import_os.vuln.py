def run_tool(arg):
    return __import__("os").system("echo " + arg)
