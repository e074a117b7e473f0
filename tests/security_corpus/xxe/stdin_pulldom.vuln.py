import sys
from xml.dom import pulldom

events = pulldom.parse(sys.stdin)
for event, node in events:
    if event == pulldom.START_ELEMENT and node.tagName == "item":
        events.expandNode(node)
        print(node.toxml())
