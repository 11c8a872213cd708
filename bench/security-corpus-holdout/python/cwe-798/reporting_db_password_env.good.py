import os
import psycopg2
from psycopg2.extras import RealDictCursor

DB_HOST = os.environ.get("REPORT_DB_HOST", "reporting-db.internal")
DB_USER = os.environ.get("REPORT_DB_USER", "report_writer")
DB_PASSWORD = os.environ["REPORT_DB_PASSWORD"]


def get_connection():
    return psycopg2.connect(
        host=DB_HOST,
        dbname="reports",
        user=DB_USER,
        password=DB_PASSWORD,
        cursor_factory=RealDictCursor,
    )
