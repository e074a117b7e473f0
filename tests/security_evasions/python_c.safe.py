import subprocess
import sys


def evaluate_isolated(expression):
    """Evaluate a calculator literal in a child interpreter so a crash cannot kill us."""
    out = subprocess.run([sys.executable, "-c", "import ast, sys; print(ast.literal_eval(sys.argv[1]))",
                          expression], capture_output=True, text=True, timeout=5)
    return out.stdout.strip()


if __name__ == "__main__":
    print(evaluate_isolated(input("expression: ")))
