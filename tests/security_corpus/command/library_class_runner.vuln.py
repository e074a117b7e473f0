import subprocess
from dataclasses import dataclass


@dataclass
class Converter:
    binary: str = "pandoc"

    def to_pdf(self, source: str, output: str) -> None:
        subprocess.call(self.binary + " " + source + " -o " + output, shell=True)


if __name__ == "__main__":
    Converter().to_pdf("README.md", "README.pdf")
