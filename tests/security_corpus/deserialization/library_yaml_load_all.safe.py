import yaml


def documents(text: str) -> list:
    """All documents of a multi-document YAML stream."""
    return list(yaml.safe_load_all(text))
