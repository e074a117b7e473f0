"""Reports worth showing: provenance, tables with intervals, paired comparisons, per-CWE and
per-language tables, reward distributions, repair rounds, training curves, per-sample drill-down
pages, and CSV/LaTeX exports of every table."""

from realcode.reports.inputs import ReportError, load_inputs, load_training_log
from realcode.reports.writer import write_report

__all__ = ["ReportError", "load_inputs", "load_training_log", "write_report"]
