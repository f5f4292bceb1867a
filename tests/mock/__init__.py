"""Tests of the mock server's own behaviour, over real HTTP."""
