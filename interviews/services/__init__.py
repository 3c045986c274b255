"""Writes that touch several rows, each in one transaction (one module per area)."""
