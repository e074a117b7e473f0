"""realcode: score, reward and evaluate generated code for correctness, security and maintainability."""

__version__ = "0.1.0"
