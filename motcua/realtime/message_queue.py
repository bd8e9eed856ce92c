"""The Socket.IO message queue between server processes (Redis pub/sub), and what a screen sees when it is lost.

Redis pub/sub keeps nothing. While a process is not subscribed (Redis restarting, its connection killed, a
network glitch) every event the other processes publish is lost for the screens connected to it, and those
screens' sockets to this process stay up, so nothing made them refetch: a wall display could miss a call
for good. python-socketio's RedisManager (and redis-py underneath) reconnect and resubscribe by themselves;
this subclass notices each resubscription and tells every client of this process, on every namespace, to
`resync`. static/js/realtime.js treats `resync` as a reconnect: the page refetches its whole state.

An emit while Redis is down reaches this process's own clients, logs an error and is lost for the others
(never an error for the request that emitted it). After a failed publish this process drops its publishes
for a moment instead of making each request wait on Redis, and keeps trying in the background; once a publish
gets through it asks every other process's clients to resync too. So whichever side lost the link, every
screen that may have missed an event refetches once Redis answers again.
"""

import logging
import threading
import time

import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

RESYNC = "resync"


class ResyncingRedisManager(socketio.RedisManager):
    # After Redis returns, screens should catch up within seconds (upstream backs off up to a minute).
    max_retry_seconds = 5.0
    # After a failed publish, later ones are dropped at once for this long instead of each waiting on Redis.
    publish_pause_seconds = 2.0

    def __init__(self, url: str, channel: str, **kwargs) -> None:
        # Fail fast: redis-py's default (three retries, up to 10 s apart) would hold an officer's request for
        # many seconds on each emit while Redis is down. Upstream's publish already tries twice, reconnecting,
        # and the listening loop below retries on its own.
        options = {"retry": Retry(NoBackoff(), 0), "socket_connect_timeout": 2}
        super().__init__(url, channel=channel, redis_options=options, **kwargs)
        self.lock = threading.Lock()
        self.failed_at = self.publish_paused_until = 0.0
        self.resync_owed = False

    def _redis_connect(self) -> None:
        super()._redis_connect()
        # Keep the subscription confirmations: each one after the first says that there was a gap.
        self.pubsub = self.redis.pubsub(ignore_subscribe_messages=False)

    def _listen(self):
        channel = self.channel.encode("utf-8")
        subscriptions = 0
        for message in self._redis_listen_with_retries():
            if message.get("channel") != channel:
                continue
            if message["type"] == "subscribe":
                subscriptions += 1
                if subscriptions > 1:
                    self.resync_local_clients()
            elif message["type"] == "message" and "data" in message:
                yield message["data"]

    def _redis_listen_with_retries(self):
        """Upstream's loop with a shorter back-off, and a first retry at once (a killed connection to a Redis
        that is up comes back in milliseconds, so fewer events are lost before the resync)."""
        retry_seconds = 0.0
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                for message in self.pubsub.listen():
                    # Redis answered (the confirmation comes first): the next loss is retried at once again.
                    retry_seconds = 0.0
                    yield message
            except Exception as exc:  # whatever Redis or the network throws, keep trying: never crash
                log.error("Socket.IO message queue lost (%s); retrying in %.1f s", exc, retry_seconds)
                time.sleep(retry_seconds)
                retry_seconds = min(max(retry_seconds * 2, 0.5), self.max_retry_seconds)

    def _publish(self, data):
        if time.monotonic() < self.publish_paused_until:
            # Redis failed a moment ago: drop at once rather than hold a request; the resync covers it.
            return None
        sent = super()._publish(data)
        if sent is None:  # upstream logged the error and gave up
            self._owe_resync()
        return sent

    def _owe_resync(self) -> None:
        with self.lock:
            self.failed_at = time.monotonic()
            self.publish_paused_until = self.failed_at + self.publish_pause_seconds
            start, self.resync_owed = not self.resync_owed, True
        if start:
            self.server.start_background_task(self._resync_everyone_when_back)

    def _resync_everyone_when_back(self) -> None:
        """Once publishing works again, every other process's clients refetch what this one dropped (its own
        clients heard everything: an emit reaches this process's clients before it is published)."""
        while True:
            time.sleep(max(0.1, self.publish_paused_until - time.monotonic()))
            if time.monotonic() < self.publish_paused_until:
                continue  # another publish failed meanwhile
            started = time.monotonic()
            # Namespaces are classes (motcua/realtime/): they live in namespace_handlers, not handlers.
            namespaces = set(self.server.handlers) | set(self.server.namespace_handlers)
            sent = [socketio.RedisManager._publish(self, self._resync(ns)) for ns in sorted(namespaces)]
            with self.lock:
                if None in sent:
                    self.failed_at = time.monotonic()
                    self.publish_paused_until = self.failed_at + self.publish_pause_seconds
                elif self.failed_at < started:  # nothing failed, so nothing was dropped, since the resync
                    self.resync_owed = False
                    log.warning("Socket.IO message queue back: every process's clients resync")
                    return

    def _resync(self, namespace: str) -> dict:
        return {
            "method": "emit",
            "event": RESYNC,
            "data": [{}],
            "binary": False,
            "namespace": namespace,
            "room": None,
            "skip_sid": None,
            "callback": None,
            "host_id": self.host_id,
        }

    def resync_local_clients(self) -> None:
        log.warning("Socket.IO message queue back: clients of this process resync")
        for namespace in list(self.get_namespaces()):
            self.server.emit(RESYNC, {}, namespace=namespace, ignore_queue=True)


def queue_options(config) -> dict:
    """Keyword arguments for socketio.init_app(): our manager for Redis, Flask-SocketIO's choice otherwise."""
    url, channel = config["SOCKETIO_MESSAGE_QUEUE"], config["SOCKETIO_CHANNEL"]
    if url and url.startswith(("redis://", "rediss://")):
        return {"client_manager": ResyncingRedisManager(url, channel=channel)}
    return {"message_queue": url, "channel": channel}
