"""The local servers the tests start: they live in devserver/ (shared with bench/, which must not import
tests/); kept here under their old name so the tests' imports stay as they are."""

from devserver import ROOT, PrivateRedis, free_port, private_redis, running_server

__all__ = ["ROOT", "PrivateRedis", "free_port", "private_redis", "running_server"]
