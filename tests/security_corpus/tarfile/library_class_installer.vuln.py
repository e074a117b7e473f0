import os
import tarfile


class PluginInstaller:
    def __init__(self, plugin_dir: str) -> None:
        self.plugin_dir = plugin_dir

    def install(self, package: str) -> list[str]:
        with tarfile.open(package) as t:
            members = t.getmembers()
            t.extractall(self.plugin_dir, members=members)
        return [m.name for m in members]
