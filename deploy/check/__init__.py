"""`make prod-check`: the shipped deployment running on this machine, driven through nginx."""
