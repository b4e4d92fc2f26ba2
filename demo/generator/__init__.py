"""Builds the local demo records (demo/<hub>/*.xml): hand-written dataset specs + one writer per metadata format."""
