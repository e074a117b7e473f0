"""realcode's own security analysis: flow-sensitive taint tracking plus named checks, 19 CWEs.

``analyze_source(text)`` gives the findings of one program; ``SecurityAnalyzer`` is the batch
analyzer registered as ``security`` (``realcode analyze --analyzers security``).
"""

from realcode.analysis.security.analyzer import SecurityAnalyzer
from realcode.analysis.security.engine import SecurityReport, analyze_source

__all__ = ["SecurityAnalyzer", "SecurityReport", "analyze_source"]
