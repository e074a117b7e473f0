from lxml import etree


def titles(xml_text: str) -> list[str]:
    parser = etree.XMLParser(load_dtd=False, resolve_entities=False)
    doc = etree.fromstring(xml_text.encode(), parser)
    return [t.text or "" for t in doc.iter("title")]


if __name__ == "__main__":
    print(titles("<r><title>a</title></r>"))
