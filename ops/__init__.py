"""Operations face: health checks (/healthz), metrics (/metrics) and the `catalogue check` command."""
