import argparse
import xml.sax


class Counter(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        self.count += 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("xmlfile")
    handler = Counter()
    xml.sax.parse(ap.parse_args().xmlfile, handler)
    print(handler.count)
