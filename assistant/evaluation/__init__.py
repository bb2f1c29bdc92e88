"""Evaluation: gold sets, metrics, the independent number check, the evaluator that writes one JSON per run."""
