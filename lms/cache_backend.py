"""Django's Redis cache, minus one cost per call: Django builds a new
`redis.Redis` client (and its table of about 170 response callbacks) for every
cache operation; this keeps one client per connection pool. A client is a thin
wrapper over its pool, which hands out connections safely across threads."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
