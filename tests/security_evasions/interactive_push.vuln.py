import code


class Repl:
    """A tiny admin console that keeps state between lines."""

    def __init__(self):
        self.console = code.InteractiveConsole(locals={"version": "1.0"})

    def feed(self, line):
        more = self.console.push(line)
        return "..." if more else ">>>"


if __name__ == "__main__":
    repl = Repl()
    print(repl.feed(input(">>> ")))
