def render_formula(formula: str, x: float) -> float:
    """Evaluate a formula in x such as '3*x + 1'."""
    code = compile(formula, "<formula>", "eval")
    return float(eval(code, {"__builtins__": {}}, {"x": x}))
