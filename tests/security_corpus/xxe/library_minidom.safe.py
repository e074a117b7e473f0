from defusedxml import minidom


def titles(xml_text: str) -> list[str]:
    doc = minidom.parseString(xml_text)
    return [n.firstChild.data for n in doc.getElementsByTagName("title") if n.firstChild]


if __name__ == "__main__":
    print(titles("<r><title>a</title></r>"))
