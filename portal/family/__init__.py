"""Family pages: my children, their plans, and who opened their records."""
