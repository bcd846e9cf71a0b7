"""SQL files, shipped with the package as `dateline.sql`: migrations/, views/, reports/, queries/."""
