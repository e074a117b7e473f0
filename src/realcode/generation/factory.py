"""Backends by name, for the command line."""

from __future__ import annotations

from typing import Any

from realcode.generation.base import Backend

BACKENDS = ("transformers", "openai", "vllm")


def make_backend(name: str, model: str, base_url: str | None = None, **options: Any) -> Backend:
    if name == "openai":
        from realcode.generation.openai_http import OpenAIBackend

        return OpenAIBackend(model, base_url=base_url or "http://127.0.0.1:8000/v1", **options)
    if name == "transformers":
        from realcode.generation.local import TransformersBackend

        return TransformersBackend(model, **options)
    if name == "vllm":
        from realcode.generation.local import VLLMBackend

        return VLLMBackend(model, **options)
    raise ValueError(f"unknown backend {name!r}; available: {', '.join(BACKENDS)}")
