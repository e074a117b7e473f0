import os
import shlex


class JobRunner:
    def __init__(self):
        self.settings = {}

    def run(self, folder):
        """Archive a folder; the command is remembered for later re-runs."""
        command = self.settings.setdefault("archive", "tar czf /tmp/backup.tgz " + shlex.quote(folder))
        return os.system(command)


def main():
    runner = JobRunner()
    return runner.run(input("folder to archive: "))


if __name__ == "__main__":
    main()
