"""Thin adapters to trainers: TRL reward functions and datasets, VeRL ``compute_score``, Ray."""
