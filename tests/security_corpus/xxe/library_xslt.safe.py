from lxml import etree


def transform(xml_bytes: bytes, xslt_bytes: bytes) -> str:
    doc = etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False, no_network=True))
    style = etree.XSLT(etree.fromstring(xslt_bytes, etree.XMLParser(resolve_entities=False, no_network=True)))
    return str(style(doc))
