"""Generation backends behind one interface, and incremental, resumable generation runs."""

from realcode.generation.base import Backend, Completion, GenerationError, SamplingParams
from realcode.generation.factory import BACKENDS, make_backend
from realcode.generation.runner import generate_completions

__all__ = ["BACKENDS", "Backend", "Completion", "GenerationError", "SamplingParams", "generate_completions",
           "make_backend"]
