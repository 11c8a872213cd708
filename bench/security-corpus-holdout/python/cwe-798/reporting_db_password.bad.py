import psycopg2
from psycopg2.extras import RealDictCursor

DB_HOST = "reporting-db.internal"
DB_USER = "report_writer"
DB_PASSWORD = "Wint3r!sC0ming#2023"


def get_connection():
    return psycopg2.connect(
        host=DB_HOST,
        dbname="reports",
        user=DB_USER,
        password=DB_PASSWORD,
        cursor_factory=RealDictCursor,
    )
