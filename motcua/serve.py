"""The server `make run` starts: `python -m motcua.serve` (also what `flask --app wsgi serve` runs).

gevent patches the standard library first, before Flask, SQLAlchemy or any socket is imported; then one
process serves pages, the API and thousands of Socket.IO connections (motcua/concurrency.py).
"""

from gevent import monkey

monkey.patch_all()

from motcua.concurrency import skip_client_libraries  # noqa: E402

skip_client_libraries()

import os  # noqa: E402

import click  # noqa: E402


def main() -> None:
    from wsgi import app

    from .extensions import socketio
    from .serve_banner import print_banner

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    with app.app_context():
        print_banner(click.echo, f"http://{host}:{port}")
    socketio.run(app, host=host, port=port, log_output=False)


if __name__ == "__main__":
    main()
