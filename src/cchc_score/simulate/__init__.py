"""The what-if simulator: which improvements, at what cost, raise a unit's rank.

Placeholder docstring, completed below.
"""
