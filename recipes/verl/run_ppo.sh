#!/usr/bin/env bash
# PPO with realcode's reward on VeRL at the REAL paper's settings (config/realcode_ppo.yaml).
# Needs a GPU machine with verl installed in its own environment (verl pins transformers below what
# realcode[train] uses) and realcode installed in that same environment (`pip install -e .`).
#
#   REALCODE_DATA=/path/to/data REALCODE_MODEL=Qwen/Qwen2.5-Coder-7B-Instruct bash recipes/verl/run_ppo.sh
#
# On a Ray cluster: `ray start --head` on the head node and `ray start --address=HEAD:6379` on the
# others, then run this on the head node with trainer.nnodes / trainer.n_gpus_per_node overridden:
#   bash recipes/verl/run_ppo.sh trainer.nnodes=4 trainer.n_gpus_per_node=8
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REALCODE_REWARD_FILE=$(python -c "import realcode.integrations.verl as m; print(m.__file__)")
export REALCODE_REWARD_FILE
export REALCODE_REWARD=${REALCODE_REWARD:-realcode} REALCODE_ALPHA=${REALCODE_ALPHA:-0.5}
export REALCODE_CACHE=${REALCODE_CACHE:-$HOME/.cache/realcode/verl-scores.sqlite}
exec python -m verl.trainer.main_ppo --config-path="$HERE/config" --config-name=realcode_ppo "$@"
