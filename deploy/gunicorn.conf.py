"""gunicorn settings for one Một Cửa server process: `gunicorn --config deploy/gunicorn.conf.py`.

The one place that says how a process runs. Today: Flask-SocketIO in threading mode (WebSocket through
simple-websocket), so ONE worker with many threads per process, and as many processes (ports) as the machine
has cores, sharing Socket.IO through Redis. When bench/ picks another concurrency model, change it here only.
PORT (set per instance by the systemd unit motcua@PORT) chooses the port; nginx is the only client.
"""

import os

port = int(os.environ.get("PORT", "8001"))
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{port}"
wsgi_app = "wsgi:app"
proc_name = f"motcua-{port}"

# Socket.IO's sessions live in the process's memory: more than one worker per process would split them.
workers = 1
worker_class = "gthread"
# Each open WebSocket holds a thread: a display, a counter screen, a kiosk and a tablet each hold one or two.
threads = int(os.environ.get("GUNICORN_THREADS", "100"))
timeout = 60
graceful_timeout = 20
keepalive = 5

# The application writes one line per request with its request id (motcua/request_log.py); gunicorn's own
# access log would repeat it without the id.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
