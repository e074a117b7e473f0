"""A tiny random causal LM and a tokenizer trained here, so every model route runs offline.

Qwen2 architecture (hidden 64, 2 layers), a byte-level BPE tokenizer trained on the starter
benchmark's prompts and solutions, a ChatML chat template. It writes nothing sensible — it exists
so that generation, repair and training can be exercised end to end without downloading weights.
Needs ``pip install realcode[train]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHATML = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def tiny_model_and_tokenizer(vocab_size: int = 400, seed: int = 0) -> tuple[Any, Any]:
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    from realcode.benchmarks.starter import starter_tasks

    tasks = starter_tasks()
    corpus = [t.solutions["reference"] for t in tasks] + [t.prompt[0]["content"] for t in tasks]
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    special = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tokenizer.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=special, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, eos_token="<|im_end|>",  # type: ignore[no-untyped-call,unused-ignore]
                                   pad_token="<|endoftext|>", bos_token=None)
    fast.chat_template = CHATML
    config = Qwen2Config(vocab_size=len(fast), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=2048,
                         tie_word_embeddings=True, eos_token_id=fast.eos_token_id,
                         pad_token_id=fast.pad_token_id)
    torch.manual_seed(seed)
    return Qwen2ForCausalLM(config), fast


def write_tiny_model(out: str | Path, seed: int = 0) -> Path:
    """Save the tiny model and its tokenizer where ``from_pretrained(out)`` finds them."""
    model, tokenizer = tiny_model_and_tokenizer(seed=seed)
    path = Path(out)
    path.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path
