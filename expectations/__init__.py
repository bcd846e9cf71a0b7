"""Great Expectations suites as JSON, one per table, shipped as `dateline.expectations`."""
