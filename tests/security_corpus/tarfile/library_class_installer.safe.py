import os
import tarfile


class PluginInstaller:
    def __init__(self, plugin_dir: str) -> None:
        self.plugin_dir = plugin_dir

    def install(self, package: str) -> list[str]:
        with tarfile.open(package) as t:
            members = t.getmembers()
            for m in members:
                dest = os.path.abspath(os.path.join(self.plugin_dir, m.name))
                if not dest.startswith(os.path.abspath(self.plugin_dir) + os.sep) or m.issym() or m.islnk():
                    raise RuntimeError(f"blocked {m.name}")
            t.extractall(self.plugin_dir, members=members)
        return [m.name for m in members]
