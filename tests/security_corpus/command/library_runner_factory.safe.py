"""Back-up helpers: a job is a closure that runs one archive command."""
import subprocess


def _job(source_dir: str, target: str):
    def run() -> int:
        return subprocess.call(["tar", "-czf", target, "--", source_dir])
    return run


def backup(source_dir: str, target: str = "/var/backups/site.tgz") -> int:
    job = _job(source_dir, target)
    return job()
