"""The benchmarks' own PostgreSQL databases: create one if it is missing (and drop it first to rebuild)."""

from urllib.parse import urlparse


def ensure_database(url: str, *, rebuild: bool = False) -> None:
    import psycopg

    u = urlparse(url)
    name = u.path.lstrip("/")
    admin = f"postgresql://{u.username}:{u.password}@{u.hostname}:{u.port or 5432}/gongkai"
    with psycopg.connect(admin, autocommit=True) as conn:
        if rebuild:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
