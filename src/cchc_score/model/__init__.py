"""Pydantic models: criteria sets, evidence, results."""
