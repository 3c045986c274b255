"""Rebound's JSON API under /api/v1/: personal access tokens, one ownership path."""
