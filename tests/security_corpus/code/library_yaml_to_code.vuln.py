import types


def load_handler(body: str) -> types.FunctionType:
    """Build a handler from the body text a plugin author wrote."""
    scope: dict = {}
    exec("def handler(event):\n    " + body, scope)
    return scope["handler"]
