"""Local models: Hugging Face ``transformers`` (CPU or GPU) and vLLM's offline engine.

Both are optional (``pip install realcode[train]`` for transformers, ``pip install vllm`` on a GPU
machine); importing this module needs neither until a backend is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from realcode.generation.base import Completion, GenerationError, Messages, SamplingParams


class TransformersBackend:
    name = "transformers"

    def __init__(self, model: str, device: str | None = None, batch_size: int = 4,
                 dtype: str = "auto") -> None:
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as exc:
            raise GenerationError("the transformers backend needs `pip install realcode[train]`") from exc
        self.model = model
        self.batch_size = batch_size
        self._torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(model)
        self.tokenizer.padding_side = "left"  # decoder-only: pad before the prompt
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        lm: Any = AutoModelForCausalLM.from_pretrained(model, dtype=dtype)
        self.lm = lm.to(self.device)
        self.lm.eval()

    def close(self) -> None:
        del self.lm

    def _prompt_text(self, messages: Messages) -> str:
        if getattr(self.tokenizer, "chat_template", None):
            text = self.tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
            return str(text)
        return "\n\n".join(m["content"] for m in messages) + "\n"

    def generate(self, prompts: Sequence[Messages], n: int, params: SamplingParams) -> list[list[Completion]]:
        out: list[list[Completion]] = []
        for start in range(0, len(prompts), self.batch_size):
            batch = [self._prompt_text(p) for p in prompts[start:start + self.batch_size]]
            out += self._batch(batch, n, params)
        return out

    def _batch(self, texts: list[str], n: int, params: SamplingParams) -> list[list[Completion]]:
        torch = self._torch
        if params.seed is not None:
            torch.manual_seed(params.seed)
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        sampling: dict[str, Any] = {"do_sample": params.temperature > 0, "max_new_tokens": params.max_tokens,
                                    "num_return_sequences": n, "pad_token_id": self.tokenizer.pad_token_id}
        if params.temperature > 0:
            sampling.update(temperature=params.temperature, top_p=params.top_p)
        try:
            with torch.no_grad():
                generated = self.lm.generate(**encoded, **sampling)
        except RuntimeError as exc:  # out of memory and friends: the samples fail, the run goes on
            return [[Completion(None, f"generation failed: {exc}") for _ in range(n)] for _ in texts]
        new_tokens = generated[:, encoded["input_ids"].shape[1]:]
        decoded = self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
        results = []
        for i in range(len(texts)):
            samples = []
            for text in decoded[i * n:(i + 1) * n]:
                for stop in params.stop:
                    text = text.split(stop, 1)[0]
                samples.append(Completion(text))
            results.append(samples)
        return results


class VLLMBackend:
    name = "vllm"

    def __init__(self, model: str, **engine_args: Any) -> None:
        try:
            from vllm import LLM  # type: ignore[import-not-found,unused-ignore]
        except ImportError as exc:
            raise GenerationError("the vllm backend needs `pip install vllm` on a machine with a GPU") from exc
        self.model = model
        self.llm = LLM(model=model, **engine_args)

    def close(self) -> None:
        del self.llm

    def generate(self, prompts: Sequence[Messages], n: int, params: SamplingParams) -> list[list[Completion]]:
        from vllm import SamplingParams as VLLMSampling  # type: ignore[import-not-found,unused-ignore]

        sampling = VLLMSampling(n=n, temperature=params.temperature, top_p=params.top_p,
                                max_tokens=params.max_tokens, stop=list(params.stop) or None, seed=params.seed)
        outputs = self.llm.chat([list(p) for p in prompts], sampling, use_tqdm=False)
        return [[Completion(o.text) for o in output.outputs] for output in outputs]
