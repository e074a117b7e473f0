import yaml


def documents(text: str) -> list:
    """All documents of a multi-document YAML stream."""
    return list(yaml.load_all(text, Loader=yaml.FullLoader))
