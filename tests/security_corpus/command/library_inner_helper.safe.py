import shlex
import os


def _convert(path: str, fmt: str) -> int:
    def shell(command: str) -> int:
        return os.system(command)

    def build() -> str:
        return "convert " + shlex.quote(path) + " output." + shlex.quote(fmt)

    return shell(build())


def convert_image(path: str, fmt: str = "png") -> int:
    """Convert an uploaded image with ImageMagick."""
    return _convert(path, fmt)
