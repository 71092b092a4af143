"""How much of the store a request reads: the SELECTs it runs and the rows they return."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def rows_read(engine, send: Callable[[], T]) -> tuple[T, int, int]:
    """``send()``'s result, the number of SELECTs it ran on ``engine`` and the rows they
    returned (each SELECT run again, counted, once ``send`` is done)."""
    from sqlalchemy import event

    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = send()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        rows = 0
        for statement, parameters in statements:
            cursor.execute(f"SELECT count(*) FROM ({statement}) AS counted", parameters)
            rows += cursor.fetchone()[0]
    finally:
        connection.close()
    return result, len(statements), rows
