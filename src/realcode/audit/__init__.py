"""The reward audit: a library of reward hacks scored against honest baselines on real tasks."""

from realcode.audit.hacks import Hack, all_hacks
from realcode.audit.runner import AuditReport, HackResult, run_audit

__all__ = ["AuditReport", "Hack", "HackResult", "all_hacks", "run_audit"]
