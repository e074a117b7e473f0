"""Extracting programs from model completions."""

from realcode.code.extract import ExtractedCode, extract_code, is_placeholder

__all__ = ["ExtractedCode", "extract_code", "is_placeholder"]
