#!/usr/bin/env bash
# PPO with realcode's reward on VeRL, at the REAL paper's settings (lr 1e-6, batch 256, KL 1e-3,
# GAE gamma = lambda = 1.0). Needs a GPU machine with verl installed (its own environment: verl pins
# transformers below what realcode[train] uses) and realcode installed in that same environment.
#
#   DATA=/path/to/data MODEL=Qwen/Qwen2.5-Coder-7B-Instruct bash recipes/verl/run_ppo.sh
#   On a Ray cluster: start Ray on every node (ray start --head / ray start --address=HEAD:6379),
#   then run this script on the head node with NNODES and GPUS_PER_NODE set.
set -euo pipefail
DATA=${DATA:-../shared/data}
MODEL=${MODEL:-Qwen/Qwen2.5-Coder-7B-Instruct}
NNODES=${NNODES:-1}
GPUS_PER_NODE=${GPUS_PER_NODE:-8}
REWARD_FILE=$(python -c "import realcode.integrations.verl as m; print(m.__file__)")
# realcode's reward: REAL's hybrid reward by default; alternatives: weighted, joint, function.
export REALCODE_REWARD=${REALCODE_REWARD:-hybrid} REALCODE_ALPHA=${REALCODE_ALPHA:-0.5}
export REALCODE_CACHE=${REALCODE_CACHE:-$HOME/.cache/realcode/verl-scores.sqlite}

python -m verl.trainer.main_ppo \
  data.train_files="$DATA/safesql/train.parquet" \
  data.val_files="$DATA/safesql/train.parquet" \
  data.train_batch_size=256 \
  data.max_prompt_length=1024 \
  data.max_response_length=2048 \
  actor_rollout_ref.model.path="$MODEL" \
  actor_rollout_ref.actor.optim.lr=1e-6 \
  actor_rollout_ref.actor.ppo_mini_batch_size=64 \
  actor_rollout_ref.actor.use_kl_loss=False \
  actor_rollout_ref.rollout.name=vllm \
  actor_rollout_ref.rollout.n=1 \
  critic.model.path="$MODEL" \
  critic.optim.lr=1e-5 \
  algorithm.adv_estimator=gae \
  algorithm.gamma=1.0 \
  algorithm.lam=1.0 \
  algorithm.use_kl_in_reward=True \
  algorithm.kl_ctrl.kl_coef=0.001 \
  reward_model.reward_manager=batch \
  custom_reward_function.path="$REWARD_FILE" \
  custom_reward_function.name=compute_score_batched \
  trainer.nnodes="$NNODES" \
  trainer.n_gpus_per_node="$GPUS_PER_NODE" \
  trainer.total_epochs=1 \
  trainer.project_name=realcode \
  trainer.experiment_name=ppo-hybrid \
  trainer.logger='["console"]' \
  "$@"
