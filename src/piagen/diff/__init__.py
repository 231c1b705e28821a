"""`piagen diff`: two versions compared into 変更箇所 rows, their reports and the cumulative table."""
