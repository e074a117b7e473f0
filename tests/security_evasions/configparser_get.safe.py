import configparser
import subprocess


def notify_from_config(config_text):
    """config_text is an uploaded INI file with a [notify] section."""
    config = configparser.ConfigParser()
    config.read_string(config_text)
    message = config.get("notify", "message", fallback="done")
    return subprocess.run(["notify-send", message]).returncode


if __name__ == "__main__":
    import sys
    print(notify_from_config(sys.stdin.read()))
