"""The reflection wizard: steps (forms), storage, conditions, view and services."""
