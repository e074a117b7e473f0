import sys
import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

reader = xml.sax.make_parser()
reader.setFeature(feature_external_ges, False)
events = pulldom.parse(sys.stdin, parser=reader)
for event, node in events:
    if event == pulldom.START_ELEMENT and node.tagName == "item":
        events.expandNode(node)
        print(node.toxml())
