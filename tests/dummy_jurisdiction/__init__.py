"""A test-only jurisdiction that proves the plugin contract end to end."""
