"""gunicorn settings for one Một Cửa server process: `gunicorn --config deploy/gunicorn.conf.py`.

The one place that says how a process runs: ONE gevent worker per process (every open WebSocket is a greenlet,
not a thread: thousands per process, see bench/RESULTS.md for the figures that chose gevent), and as many
processes (ports) as the machine has cores, sharing Socket.IO through Redis. gunicorn's gevent worker patches
the standard library before it imports the app; psycopg 3 cooperates with gevent by itself.
PORT (set per instance by the systemd unit motcua@PORT) chooses the port; nginx is the only client.
"""

import os
import sys

# motcua/concurrency.py's skip_client_libraries(), before the worker imports the app; inline because
# importing motcua here would load Flask in the master before the worker's gevent patch.
for _name in ("aiohttp", "requests", "websocket"):
    sys.modules.setdefault(_name, None)

port = int(os.environ.get("PORT", "8001"))
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{port}"
wsgi_app = "wsgi:app"
proc_name = f"motcua-{port}"

# Socket.IO's sessions live in the process's memory: more than one worker per process would split them.
workers = 1
# gevent-websocket's worker: gunicorn's gevent worker with the WebSocket upgrade handled by gevent-websocket
# (lighter per socket than simple-websocket: bench/RESULTS.md).
worker_class = "geventwebsocket.gunicorn.workers.GeventWebSocketWorker"
# Open connections at once (screens' WebSockets and ordinary requests alike); past it the process stops
# accepting until one closes, so size it above the screens that nginx routes to this process.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "10000"))
timeout = 60
graceful_timeout = 20
keepalive = 5

# The application writes one line per request with its request id (motcua/request_log.py); gunicorn's own
# access log would repeat it without the id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
