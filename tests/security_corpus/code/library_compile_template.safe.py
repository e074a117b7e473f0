def render_formula(formula: str, x: float) -> float:
    """Evaluate a formula in x such as '3*x + 1'."""
    import re
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*\*\s*x\s*([+-])\s*(\d+(?:\.\d+)?)\s*", formula)
    if m is None:
        raise ValueError("expected a formula of the form a*x + b")
    a, sign, b = m.groups()
    return float(a) * x + (float(b) if sign == "+" else -float(b))
