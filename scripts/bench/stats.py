"""Percentiles computed exactly as `fouille bench` does, so figures compare."""


def pct(sorted_values, p):
    """Nearest-rank percentile of an already sorted list (fouille's rule)."""
    return sorted_values[round((len(sorted_values) - 1) * p)]


def summary(micros):
    v = sorted(micros)
    return {"p50": pct(v, 0.5), "p99": pct(v, 0.99)}
