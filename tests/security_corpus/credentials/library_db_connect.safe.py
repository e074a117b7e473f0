import os
import psycopg2


def connect():
    return psycopg2.connect(
        host="db.internal",
        user="reporting",
        password=os.environ["REPORTING_DB_PASSWORD"],
        dbname="analytics",
    )
