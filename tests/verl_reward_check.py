"""Run inside VeRL's own environment (see the Makefile's .venv-verl): load realcode's reward the way
``verl.trainer.main_ppo`` does — the recipe's Hydra config, ``load_reward_manager`` — and score a
small DataProto of real SafeSQL rows. Prints one JSON object."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import torch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--rows", type=int, default=3)
    args = parser.parse_args()

    from hydra import compose, initialize_config_dir
    from transformers import AutoTokenizer
    from verl import DataProto
    from verl.trainer.ppo.reward import load_reward_manager

    import realcode.integrations.verl as reward_module
    from realcode.analysis.security.labeled import parameterised_twin

    os.environ["REALCODE_REWARD_FILE"] = reward_module.__file__
    os.environ["REALCODE_DATA"] = args.data
    config_dir = Path(__file__).resolve().parents[1] / "recipes" / "verl" / "config"
    with initialize_config_dir(config_dir=str(config_dir), version_base=None):
        config = compose(config_name="realcode_ppo")
    tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
    manager = load_reward_manager(config, tokenizer)

    rows = pq.read_table(config.data.train_files).to_pylist()[: args.rows]
    responses, kinds, sources, truths, infos = [], [], [], [], []
    for row in rows:
        reference = row["execute_sql"]
        twin = parameterised_twin(reference)
        for kind, text in (("reference", reference), ("twin", twin), ("garbage", "I would rather not.")):
            if text is None:
                continue
            responses.append(f"```python\n{text}\n```" if kind != "garbage" else text)
            kinds.append(kind)
            sources.append(row["data_source"])
            truths.append(row["reward_model"])
            infos.append(row["extra_info"])
    prompt = tokenizer("<|im_start|>user\nwrite it<|im_end|>\n", return_tensors="pt")["input_ids"][0]
    encoded = [tokenizer(r, add_special_tokens=False)["input_ids"] for r in responses]
    width = max(len(e) for e in encoded)
    response_ids = torch.full((len(encoded), width), tokenizer.pad_token_id or 0, dtype=torch.long)
    mask = torch.zeros((len(encoded), prompt.numel() + width), dtype=torch.long)
    for i, ids in enumerate(encoded):
        response_ids[i, : len(ids)] = torch.tensor(ids)
        mask[i, : prompt.numel() + len(ids)] = 1
    prompts = prompt.unsqueeze(0).repeat(len(encoded), 1)
    data = DataProto.from_dict(
        tensors={"prompts": prompts, "responses": response_ids, "attention_mask": mask,
                 "input_ids": torch.cat([prompts, response_ids], dim=1)},
        non_tensors={"data_source": np.array(sources, dtype=object), "reward_model": np.array(truths, dtype=object),
                     "extra_info": np.array(infos, dtype=object)})
    results = [manager.loop.run_until_complete(manager.run_single(data[i: i + 1])) for i in range(len(data))]
    scores = [float(r["reward_score"]) for r in results]
    rm_scores = manager.assemble_rm_scores(data, scores)
    print(json.dumps({"manager": type(manager).__name__, "kinds": kinds, "scores": scores,
                      "rm_scores_sum": rm_scores.sum(dim=1).tolist(),
                      "extra": [{k: v for k, v in r["reward_extra_info"].items() if isinstance(v, (int, float))}
                                for r in results]}))


if __name__ == "__main__":
    main()
