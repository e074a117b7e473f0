import subprocess
import sys


def evaluate_isolated(expression):
    """Evaluate a calculator expression in a child interpreter so a crash cannot kill us."""
    out = subprocess.run([sys.executable, "-c", "print(" + expression + ")"],
                         capture_output=True, text=True, timeout=5)
    return out.stdout.strip()


if __name__ == "__main__":
    print(evaluate_isolated(input("expression: ")))
