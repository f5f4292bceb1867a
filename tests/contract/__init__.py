"""Contract tests: the mock, the generated client and the official SDK against openapi.yaml."""
