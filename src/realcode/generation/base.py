"""The one interface every generation backend implements: chat messages in, completions out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

Messages = Sequence[dict[str, str]]


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 0.8
    top_p: float = 0.95
    max_tokens: int = 1024
    stop: tuple[str, ...] = ()
    seed: int | None = None


class GenerationError(RuntimeError):
    """A backend could not produce a completion (after its retries)."""


@dataclass
class Completion:
    text: str | None  # None when generation failed for this sample
    error: str | None = None
    meta: dict[str, object] = field(default_factory=dict)


class Backend(Protocol):
    name: str
    model: str

    def generate(self, prompts: Sequence[Messages], n: int, params: SamplingParams) -> list[list[Completion]]:
        """``n`` completions for each prompt, in order. A failed sample is a Completion with
        ``text=None`` and an error; the call itself raises only for configuration errors."""
        ...

    def close(self) -> None: ...
