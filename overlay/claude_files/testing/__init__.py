"""A stateful mock of the file endpoints, for tests (extra `mock`)."""
