import os
import psycopg2


def connect():
    return psycopg2.connect(
        host="db.internal",
        user="reporting",
        password="Winter2024!reporting",
        dbname="analytics",
    )
