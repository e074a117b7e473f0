from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=True, no_network=False)


class ConfigReader:
    def __init__(self, text: str) -> None:
        self.root = etree.fromstring(text.encode(), _PARSER)

    def get(self, key: str) -> str | None:
        node = self.root.find(key)
        return node.text if node is not None else None
