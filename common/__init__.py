"""Shared low-level pieces every layer may import (safe XML parsing, logging, metrics)."""
