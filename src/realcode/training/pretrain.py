"""A code model built from nothing, offline: Python source that ships with the machine (the
interpreter's standard library, the benchmarks' solutions), a byte-level BPE tokenizer trained on
it, a small Qwen2 causal LM and a plain next-token pretraining loop.

It is a start policy for experiments that need a model that writes programs (the learning-effect
benchmark), sized to run in minutes on a CPU. Needs ``pip install realcode[train]``.
"""

from __future__ import annotations

import math
import random
import sysconfig
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from realcode.tiny_model import CHATML

SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")


@dataclass(frozen=True)
class ModelSize:
    """A Qwen2 shape. ``quick`` trains in minutes on two CPU cores; ``gpu`` is for an accelerator."""

    hidden: int
    layers: int
    heads: int
    kv_heads: int
    intermediate: int
    vocab: int


MODEL_SIZES: dict[str, ModelSize] = {
    "test": ModelSize(hidden=32, layers=1, heads=2, kv_heads=1, intermediate=64, vocab=320),
    "quick": ModelSize(hidden=128, layers=4, heads=4, kv_heads=2, intermediate=384, vocab=2048),
    "full": ModelSize(hidden=192, layers=6, heads=6, kv_heads=2, intermediate=512, vocab=4096),
    "gpu": ModelSize(hidden=512, layers=8, heads=8, kv_heads=4, intermediate=1536, vocab=8192),
}


# --- corpus ---------------------------------------------------------------------------------------


def stdlib_sources(max_bytes: int, skip_tests: bool = True) -> Iterator[str]:
    """The interpreter's standard library as text, in a fixed order, up to ``max_bytes`` in all.
    Test suites are left out (they are mostly assertions, not the code a model should write)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    total = 0
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if "site-packages" in parts or (skip_tests and parts & {"test", "tests", "idle_test"}):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if total + len(text) > max_bytes:
            return
        total += len(text)
        yield text


def fenced(code: str) -> str:
    """An answer in the benchmarks' output format: one fenced Python block."""
    return f"```python\n{code.strip()}\n```"


# --- tokenizer and model --------------------------------------------------------------------------


def train_code_tokenizer(texts: Iterable[str], vocab_size: int) -> Any:
    """A byte-level BPE tokenizer (every byte representable) with ChatML special tokens and chat template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.train_from_iterator(texts, trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, eos_token="<|im_end|>",  # type: ignore[no-untyped-call,unused-ignore]
                                   pad_token="<|endoftext|>", bos_token=None)
    fast.chat_template = CHATML
    return fast


def small_qwen2(tokenizer: Any, size: ModelSize, context: int, seed: int) -> Any:
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    config = Qwen2Config(vocab_size=len(tokenizer), hidden_size=size.hidden, intermediate_size=size.intermediate,
                         num_hidden_layers=size.layers, num_attention_heads=size.heads,
                         num_key_value_heads=size.kv_heads, max_position_embeddings=context,
                         tie_word_embeddings=True, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(seed)
    return Qwen2ForCausalLM(config)


# --- pretraining ----------------------------------------------------------------------------------


@dataclass
class PretrainResult:
    steps: int
    tokens: int
    seconds: float
    losses: list[float]

    @property
    def seconds_per_step(self) -> float:
        return self.seconds / self.steps if self.steps else 0.0


def packed_chunks(tokenizer: Any, texts: Sequence[str], length: int) -> list[list[int]]:
    """Documents joined by end-of-text and cut into chunks of ``length`` tokens (the last partial one dropped)."""
    separator = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    stream: list[int] = []
    for text in texts:
        stream += tokenizer(text, add_special_tokens=False)["input_ids"] + [separator]
    return [stream[i:i + length] for i in range(0, len(stream) - length + 1, length)]


def pretrain(model: Any, chunks: Sequence[Sequence[int]], steps: int, batch_size: int, learning_rate: float,
             seed: int, device: str = "cpu", log: Any = None) -> PretrainResult:
    """Next-token prediction on packed chunks with AdamW, linear warm-up and cosine decay."""
    import torch

    if not chunks:
        raise ValueError("no pretraining chunk: the corpus is shorter than one context")
    rng = random.Random(seed)
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warmup = max(1, steps // 20)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    order: list[int] = []
    losses: list[float] = []
    start = time.time()
    for step in range(steps):
        if len(order) < batch_size:
            order += rng.sample(range(len(chunks)), len(chunks))
        batch = torch.tensor([list(chunks[order.pop()]) for _ in range(batch_size)], device=device)
        loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
        if log is not None and (step % 25 == 0 or step == steps - 1):
            log(f"pretrain step {step + 1}/{steps} loss {losses[-1]:.3f}")
    model.eval()
    return PretrainResult(steps, steps * batch_size * len(chunks[0]), time.time() - start, losses)
