"""Shared low-level pieces, below every app: safe XML parsing. Imports nothing of the project."""
