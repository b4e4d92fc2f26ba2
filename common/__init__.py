"""Shared low-level pieces, below every app: safe XML parsing, URL safety, logging, metrics. Imports nothing of
the project."""
