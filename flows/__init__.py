"""Prefect flows, shipped as `dateline.flows`: ingest (one run) and serve (on a schedule)."""
