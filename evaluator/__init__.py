"""Evaluations: run requests and their lifecycle, the lm-eval runner on CPU or GPU workers,
sealed results, measurements, and third-party results imported with provenance. Imports only
the catalogue and claims.
"""
