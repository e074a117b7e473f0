import xmltodict


def parse_invoice(payload: bytes) -> dict:
    return xmltodict.parse(payload, disable_entities=False)
