"""Sandboxed execution of untrusted generated programs, and the test runners built on it."""
