"""The taint engine (CFG, flow-sensitive propagation, CWE specs as data) lives here.

It registers itself with ``realcode.analysis.registry.register_analyzer("security", ...)`` and the
security benchmarks' quality verdict (``realcode.benchmarks.loaders.SECURITY_QUALITY``) switches
to it. Until then Bandit decides that verdict.
"""
