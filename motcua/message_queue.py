"""The Socket.IO message queue between server processes (Redis pub/sub), and what a screen sees when it is lost.

Redis pub/sub keeps nothing. While a process is not subscribed (Redis restarting, its connection killed, a
network glitch) every event the other processes publish is lost for the screens connected to it, and those
screens' sockets to this process stay up, so nothing made them refetch: a wall display could miss a call
for good. python-socketio's RedisManager (and redis-py underneath) reconnect and resubscribe by themselves;
this subclass notices each resubscription and tells every client of this process, on every namespace, to
`resync`. static/js/realtime.js treats `resync` as a reconnect: the page refetches its whole state.

An emit while Redis is down reaches this process's own clients, logs an error and is lost for the others;
their processes lost their subscription too and resync when it returns. A publish that fails while this
process's own subscription stays up (a fault on the publishing side only) asks every process to resync with
the next publish that gets through.
"""

import logging
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
    publish_pause_seconds = 5.0

    def __init__(self, url: str, channel: str, **kwargs) -> None:
        # Fail fast: redis-py's default (three retries, up to 10 s apart) would hold an officer's request for
        # many seconds on each emit while Redis is down. Upstream's publish already tries twice, reconnecting,
        # and the listening loop below retries on its own.
        options = {"retry": Retry(NoBackoff(), 0), "socket_connect_timeout": 2}
        super().__init__(url, channel=channel, redis_options=options, **kwargs)
        self.publish_lost, self.publish_retry_at = False, 0.0

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
        """Upstream's loop with a shorter back-off; redis-py resubscribes on its own after a quick reconnect."""
        retry_seconds = 0.5
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                retry_seconds = 0.5
                yield from self.pubsub.listen()
            except Exception as exc:  # whatever Redis or the network throws, keep trying: never crash
                log.error("Socket.IO message queue lost (%s); retrying in %.1f s", exc, retry_seconds)
                time.sleep(retry_seconds)
                retry_seconds = min(retry_seconds * 2, self.max_retry_seconds)

    def _publish(self, data):
        if self.publish_lost:
            if time.monotonic() < self.publish_retry_at:
                return None  # Redis failed a moment ago: drop at once rather than hold a request; resync covers it
            self.publish_lost = False
            if data.get("event") != RESYNC:
                self.resync_everyone()
        sent = super()._publish(data)
        if sent is None:  # upstream logged the error and gave up
            self.publish_lost, self.publish_retry_at = True, time.monotonic() + self.publish_pause_seconds
        return sent

    def resync_local_clients(self) -> None:
        log.warning("Socket.IO message queue back: clients of this process resync")
        for namespace in list(self.get_namespaces()):
            self.server.emit(RESYNC, {}, namespace=namespace, ignore_queue=True)

    def resync_everyone(self) -> None:
        log.warning("Events were lost on the way to the message queue: every process's clients resync")
        for namespace in list(self.server.handlers):
            self.emit(RESYNC, {}, namespace=namespace)


def queue_options(config) -> dict:
    """Keyword arguments for socketio.init_app(): our manager for Redis, Flask-SocketIO's choice otherwise."""
    url, channel = config["SOCKETIO_MESSAGE_QUEUE"], config["SOCKETIO_CHANNEL"]
    if url and url.startswith(("redis://", "rediss://")):
        return {"client_manager": ResyncingRedisManager(url, channel=channel)}
    return {"message_queue": url, "channel": channel}
