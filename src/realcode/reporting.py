"""Reports people want to look at (the implementation lives in ``realcode.reports``): Markdown and
one self-contained HTML file with plots, drill-down pages, and CSV/LaTeX exports of every table.

Inputs are the JSONL files realcode writes: evaluation results (``realcode eval``), repair logs
(``realcode repair``: each becomes a *before* and an *after* run) and, optionally, training logs
(one JSON object per step: rewards and their components for RL, losses for SFT and DPO).
"""

from realcode.reports import ReportError, load_inputs, load_training_log, write_report
from realcode.reports.inputs import RepairRun, Run

__all__ = ["RepairRun", "ReportError", "Run", "load_inputs", "load_training_log", "write_report"]
