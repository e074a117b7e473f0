import os
import redis


def client() -> redis.Redis:
    return redis.Redis(host="cache.internal", port=6379, password="r3d1s-Pr0d-pw")
