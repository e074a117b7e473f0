from lxml import etree, objectify


def parse_invoice(payload: bytes):
    parser = objectify.makeparser(resolve_entities=False, no_network=True)
    return objectify.fromstring(payload, parser)
