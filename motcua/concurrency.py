"""How this process waits: on gevent (the servers: `make run` and gunicorn's gevent worker) or on threads (the
test suite, the CLI, a Python shell).

The servers patch the standard library before anything else is imported (motcua/serve.py; gunicorn's gevent
worker does it itself), so one process holds thousands of open sockets as greenlets instead of a thread each
(bench/RESULTS.md has the figures that chose it). Everything else runs unpatched, on threads, and the same code
serves both: Flask-SocketIO's mode follows the patch, and the few CPU-heavy calls that would stop every greenlet
of a gevent process (password hashing) go to a real thread through `off_the_loop`.
"""

import sys


def on_gevent() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return monkey is not None and monkey.is_module_patched("socket")


def async_mode() -> str:
    return "gevent" if on_gevent() else "threading"


def off_the_loop(function, *args):
    """Run `function(*args)` where it cannot freeze the other sockets of this process: in gevent's pool of
    native threads when on gevent (hashlib releases the GIL while it hashes), in place otherwise."""
    if not on_gevent():
        return function(*args)
    import gevent

    return gevent.get_hub().threadpool.apply(function, args)


def off_the_loop_with_request(function, *args):
    """off_the_loop for work that also reads the database (a province's report over months): on gevent the
    thread runs in a copy of the request's context, so it has its own app context and database session (the
    request's own stays with the request) and the request's language. `function` must only read what the
    request already loaded of its ORM objects."""
    if not on_gevent():
        return function(*args)
    from flask import copy_current_request_context

    return off_the_loop(copy_current_request_context(function), *args)


CLIENT_ONLY = ("aiohttp", "requests", "websocket")


def skip_client_libraries() -> None:
    """A server never opens HTTP or WebSocket connections of its own, but python-socketio imports its client
    classes eagerly, and they load these libraries when installed (the dev extra has them for the tests and
    bench/): 14 MiB in every server process for nothing. Marked missing, python-socketio leaves its clients
    without them. Call before anything imports socketio."""
    for name in CLIENT_ONLY:
        sys.modules.setdefault(name, None)
