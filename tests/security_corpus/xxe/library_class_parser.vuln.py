from lxml import etree


class ConfigReader:
    def __init__(self, text: str) -> None:
        self.root = etree.fromstring(text.encode())

    def get(self, key: str) -> str | None:
        node = self.root.find(key)
        return node.text if node is not None else None
