from lxml import etree, objectify


def parse_invoice(payload: bytes):
    parser = objectify.makeparser(resolve_entities=True, huge_tree=True)
    return objectify.fromstring(payload, parser)
