"""Any OpenAI-compatible chat server (vLLM, llama.cpp, Ollama, TGI, hosted APIs) over HTTP.

One request per sample (``n=1``: not every server implements ``n``), many in flight at once,
each retried with exponential backoff and jitter on connection errors, timeouts, 408/409/429 and
5xx answers (``Retry-After`` honoured). The API key comes from the environment, never a flag.
"""

from __future__ import annotations

import contextlib
import os
import random
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from realcode.generation.base import Completion, Messages, SamplingParams

RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
API_KEY_VARIABLES = ("REALCODE_API_KEY", "OPENAI_API_KEY")


class OpenAIBackend:
    name = "openai"

    def __init__(self, model: str, base_url: str = "http://127.0.0.1:8000/v1", concurrency: int = 8,
                 max_retries: int = 5, timeout_s: float = 120.0, backoff_s: float = 0.5,
                 max_backoff_s: float = 30.0, api_key: str | None = None) -> None:
        if concurrency < 1 or max_retries < 0:
            raise ValueError("concurrency must be >= 1 and max_retries >= 0")
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.concurrency = concurrency
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        key = api_key or next((os.environ[v] for v in API_KEY_VARIABLES if os.environ.get(v)), None)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
                                    headers=headers, limits=httpx.Limits(max_connections=concurrency))
        self._lock = threading.Lock()
        self.requests_made = 0
        self.retries_made = 0

    def close(self) -> None:
        self._client.close()

    def generate(self, prompts: Sequence[Messages], n: int, params: SamplingParams) -> list[list[Completion]]:
        jobs = [(i, j) for i in range(len(prompts)) for j in range(n)]
        results: list[list[Completion]] = [[Completion(None) for _ in range(n)] for _ in prompts]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            done = pool.map(lambda job: self._one(prompts[job[0]], params, job[1]), jobs)
            for (i, j), completion in zip(jobs, done, strict=True):
                results[i][j] = completion
        return results

    def _one(self, messages: Messages, params: SamplingParams, index: int) -> Completion:
        body: dict[str, Any] = {
            "model": self.model, "messages": [dict(m) for m in messages], "n": 1,
            "temperature": params.temperature, "top_p": params.top_p, "max_tokens": params.max_tokens,
        }
        if params.stop:
            body["stop"] = list(params.stop)
        if params.seed is not None:
            body["seed"] = params.seed + index
        last_error = "no attempt made"
        for attempt in range(self.max_retries + 1):
            if attempt:
                with self._lock:
                    self.retries_made += 1
            try:
                with self._lock:
                    self.requests_made += 1
                response = self._client.post(f"{self.base_url}/chat/completions", json=body)
            except httpx.TransportError as exc:  # refused, reset, timed out
                last_error = f"{type(exc).__name__}: {exc}"
                self._sleep(attempt, None)
                continue
            if response.status_code in RETRY_STATUS:
                last_error = f"HTTP {response.status_code}: {response.text[:200]}"
                self._sleep(attempt, response.headers.get("retry-after"))
                continue
            if response.status_code >= 400:
                return Completion(None, f"HTTP {response.status_code}: {response.text[:200]}")
            try:
                payload = response.json()
                choice = payload["choices"][0]
                text = choice["message"]["content"]
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                return Completion(None, f"malformed response: {type(exc).__name__}: {exc}")
            if not isinstance(text, str):
                return Completion(None, "malformed response: content is not a string")
            return Completion(text, meta={"finish_reason": choice.get("finish_reason"),
                                          "usage": payload.get("usage"), "attempts": attempt + 1})
        return Completion(None, f"gave up after {self.max_retries + 1} attempts: {last_error}")

    def _sleep(self, attempt: int, retry_after: str | None) -> None:
        if attempt >= self.max_retries:
            return
        delay = min(self.max_backoff_s, self.backoff_s * 2 ** attempt) * (0.5 + random.random() / 2)
        if retry_after:
            with contextlib.suppress(ValueError):
                delay = max(delay, min(float(retry_after), self.max_backoff_s))
        time.sleep(delay)

