from typing import Any

ALLOWED_FIELDS = ("age", "country", "plan")


def matches(rule: str, record: dict[str, Any]) -> bool:
    """Rules look like 'age > 18'."""
    field, op, raw = rule.split(maxsplit=2)
    if field not in ALLOWED_FIELDS or op not in (">", "<", "=="):
        raise ValueError("unsupported rule")
    value, limit = record[field], type(record[field])(raw)
    return value > limit if op == ">" else value < limit if op == "<" else value == limit


if __name__ == "__main__":
    print(matches("age > 18", {"age": 30, "country": "NL", "plan": "pro"}))
