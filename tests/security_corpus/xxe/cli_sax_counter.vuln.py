import argparse
import xml.sax
from xml.sax.handler import feature_external_ges


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
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(ap.parse_args().xmlfile)
    print(handler.count)
