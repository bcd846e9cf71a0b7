"""dateline: news articles in, a validated DuckDB warehouse of events, quotes and metrics out."""

__version__ = "0.1.0"
