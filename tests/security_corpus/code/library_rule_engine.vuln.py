from typing import Any

ALLOWED_FIELDS = ("age", "country", "plan")


def matches(rule: str, record: dict[str, Any]) -> bool:
    """Rules look like 'age > 18'."""
    return bool(eval(rule, {}, dict(record)))


if __name__ == "__main__":
    print(matches("age > 18", {"age": 30, "country": "NL", "plan": "pro"}))
