"""Validate model-written SQL and run it read-only with a time limit.

Two layers, on purpose: `validate_sql` rejects anything that is not a single plain SELECT over our own
tables, and the connection itself is read-only with external access disabled, so a statement that
slipped past the validator still cannot write or read files.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

ALLOWED_TABLES = frozenset({
    "documents", "chunks", "lines", "figures", "facts", "commitments", "doc_references", "figure_rows",
    "fact_view", "document_stats",
})

# Settings for every connection we open. lock_configuration keeps a smuggled SET from undoing them.
READONLY_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}

_GENERIC_MESSAGE = ("Deze databasevraag kan ik niet uitvoeren: alleen een enkele SELECT-query op de tabellen "
                    "van de rapportages is toegestaan.")


class UnsafeSQLError(ValueError):
    """SQL that must not run. `message` is Dutch and may be shown; `detail` is English, for logs."""

    def __init__(self, message: str = _GENERIC_MESSAGE, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class QueryError(RuntimeError):
    """A valid query that DuckDB could not run (unknown column, type error ...)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class QueryTimeoutError(QueryError):
    pass


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    sql: str
    elapsed_ms: float
    hit_limit: bool = field(default=False)  # as many rows as the limit: there may be more


# Statement types that never belong in a query, wherever they are nested.
_FORBIDDEN_NODES: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name) for name in (
        "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "TruncateTable", "Command",
        "Copy", "Set", "Pragma", "Attach", "Detach", "Install", "Use", "Transaction", "Commit",
        "Rollback", "Into", "Describe", "Summarize", "LoadData", "Grant", "Revoke", "Export", "Analyze",
        "Refresh", "Cache", "Uncache", "Kill", "Show",
    ) if hasattr(exp, name)
)

# Functions that read files, reach the network or the system, change state or expose metadata.
# Defence in depth: the connection also has external access disabled.
_FORBIDDEN_FUNC = re.compile(
    r"^(?:read_\w*|sniff_\w*|parquet_\w*|\w*_scan|glob|query|query_table|getenv|current_setting|"
    r"duckdb_\w*|pragma_\w*|checkpoint|force_checkpoint|nextval|currval|setval|setseed|\w*sleep\w*|"
    r"install\w*|load\w*|attach\w*|detach\w*|export\w*|import\w*|copy\w*|iceberg_\w*|delta_\w*|"
    r"postgres_\w*|sqlite_\w*|mysql_\w*|ducklake_\w*|http\w*|json_execute_serialized_sql|which_secret|"
    r"\w*secret\w*|enable_\w*|disable_\w*|system|shell|to_file|txid_\w*|current_query)$"
)
_FORBIDDEN_FUNC_CLASSES: tuple[type[exp.Expr], ...] = tuple(
    getattr(exp, name) for name in ("ReadCSV", "ReadParquet", "ToFile", "Secret") if hasattr(exp, name)
)
_TABLE_SOURCE_PARENTS = (exp.From, exp.Join, exp.Lateral, exp.Table)


def _reject(message: str, detail: str) -> UnsafeSQLError:
    return UnsafeSQLError(message, detail)


def _func_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower()
    return node.sql_name().lower()


def _cte_in_scope(table: exp.Table, name: str) -> bool:
    """True if a WITH clause enclosing `table` defines `name` (walk up, as SQL scoping does)."""
    node: exp.Expr | None = table
    while node is not None:
        with_ = node.args.get("with_") or node.args.get("with")
        if isinstance(with_, exp.With) and any(cte.alias_or_name.lower() == name for cte in with_.expressions):
            return True
        node = node.parent
    return False


def _check_table(table: exp.Table, sql: str, allowed: frozenset[str]) -> None:
    ident = table.this
    if not isinstance(ident, exp.Identifier):
        raise _reject("Tabelfuncties (zoals het inlezen van bestanden) zijn niet toegestaan in een databasevraag.",
                      f"table function in FROM: {ident.sql('duckdb') if ident else table}")
    # sqlglot turns FROM 'x.csv' into a quoted identifier; the source text shows what it was.
    start = ident.meta.get("start")
    if ident.quoted and start is not None and sql[start:start + 1] != '"':
        raise _reject("Een bestandsnaam als tabel (FROM 'bestand') is niet toegestaan.",
                      f"string literal used as table: {ident.name!r}")
    name = ident.name.lower()
    catalog = table.args.get("catalog")
    db = table.args.get("db")
    if catalog is not None or (db is not None and db.name.lower() != "main"):
        raise _reject(f"De tabel '{table.sql('duckdb')}' is niet toegestaan.", f"qualified table: {table.sql()}")
    if db is None and _cte_in_scope(table, name):
        return
    if name not in allowed:
        raise _reject(f"De tabel '{ident.name}' bestaat niet of mag niet worden bevraagd.",
                      f"table not allowed: {ident.name}")


def _clamp_limit(root: exp.Query, row_limit: int) -> exp.Query:
    limit = root.args.get("limit")
    if limit is None and root.args.get("fetch") is None:
        return root.limit(row_limit, copy=False)
    if (isinstance(limit, exp.Limit) and isinstance(limit.expression, exp.Literal)
            and limit.expression.is_int and not limit.args.get("limit_options")
            and root.args.get("fetch") is None):
        if int(limit.expression.name) > row_limit:
            limit.set("expression", exp.Literal.number(row_limit))
        return root
    # LIMIT with an expression, a percentage or FETCH: keep it, and cap the rows from outside.
    return exp.select("*").from_(root.subquery("q")).limit(row_limit)


def validate_sql(sql: str, allowed_tables: Iterable[str] = ALLOWED_TABLES, row_limit: int = 200) -> str:
    """Return `sql` re-generated by sqlglot with an outer LIMIT <= row_limit, or raise UnsafeSQLError."""
    if not sql or not sql.strip():
        raise _reject("De databasevraag is leeg.", "empty SQL")
    allowed = frozenset(t.lower() for t in allowed_tables)
    try:
        statements = [s for s in sqlglot.parse(sql, read="duckdb") if s is not None]
    except SqlglotError as e:
        raise _reject("De databasevraag is geen geldige SQL.", f"parse error: {e}") from e
    if len(statements) != 1:
        raise _reject("Er mag precies één SQL-opdracht tegelijk worden uitgevoerd.",
                      f"{len(statements)} statements")
    root = statements[0]
    if not isinstance(root, exp.Select | exp.SetOperation):
        raise _reject("Alleen lezen (SELECT) is toegestaan; wijzigen of beheren van de database niet.",
                      f"not a SELECT: {type(root).__name__}")

    for node in root.walk():
        if isinstance(node, _FORBIDDEN_NODES):
            raise _reject("Alleen lezen (SELECT) is toegestaan; wijzigen of beheren van de database niet.",
                          f"forbidden node: {type(node).__name__}")
        if isinstance(node, exp.Table):
            _check_table(node, sql, allowed)
        elif isinstance(node, exp.Func):
            name = _func_name(node)
            if isinstance(node, _FORBIDDEN_FUNC_CLASSES) or _FORBIDDEN_FUNC.match(name):
                raise _reject(f"De functie '{name}' is niet toegestaan in een databasevraag.",
                              f"forbidden function: {name}")
            # Table functions such as range() or unnest-like generators in FROM: only our tables there.
            if isinstance(node.parent, _TABLE_SOURCE_PARENTS) and not isinstance(node, exp.Unnest):
                raise _reject("Tabelfuncties zijn niet toegestaan in een databasevraag.",
                              f"table function: {name}")

    return _clamp_limit(root, row_limit).sql(dialect="duckdb")


def connect_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open `db_path` read-only with external access disabled.

    DuckDB refuses a second connection to the same file with a different configuration inside one
    process ("Can't open a connection to same database file with a different configuration"). A
    process that already holds a connection to the store should open it once with READONLY_CONFIG
    and pass it to `run_on_connection` instead of calling `run_readonly`.
    """
    return duckdb.connect(str(db_path), read_only=True, config=dict(READONLY_CONFIG))


def run_readonly(db_path: Path, sql: str, row_limit: int = 200, timeout_s: float = 5.0) -> QueryResult:
    """Validate `sql`, then run it on a fresh read-only connection to `db_path`."""
    safe_sql = validate_sql(sql, row_limit=row_limit)
    con = connect_readonly(db_path)
    try:
        return _execute(con, safe_sql, row_limit, timeout_s)
    finally:
        con.close()


def run_on_connection(con: duckdb.DuckDBPyConnection, sql: str, row_limit: int = 200, timeout_s: float = 5.0,
                      require_read_only: bool = True) -> QueryResult:
    """Validate and run `sql` on a connection the caller already holds.

    The query runs on `con.cursor()` (a separate connection to the same database), so the interrupt on
    timeout only hits this query and concurrent callers do not share one connection. With
    `require_read_only` (the default) a writable connection is refused.
    """
    safe_sql = validate_sql(sql, row_limit=row_limit)
    cur = con.cursor()
    try:
        if require_read_only:
            mode = cur.execute("SELECT current_setting('access_mode')").fetchone()
            if not mode or str(mode[0]).lower() != "read_only":
                raise UnsafeSQLError("De database is niet alleen-lezen geopend; de vraag wordt niet uitgevoerd.",
                                     f"connection access_mode={mode}")
        return _execute(cur, safe_sql, row_limit, timeout_s)
    finally:
        cur.close()


def _execute(con: duckdb.DuckDBPyConnection, sql: str, row_limit: int, timeout_s: float) -> QueryResult:
    """Run `sql` as is (no validation!) and interrupt it after `timeout_s`. Private: tests and callers above."""
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def _interrupt() -> None:
        # Under the lock, so a late timer never interrupts the connection after the query finished.
        with lock:
            if not state["done"]:
                state["fired"] = True
                con.interrupt()

    timer = threading.Timer(timeout_s, _interrupt)
    timer.daemon = True
    t0 = time.perf_counter()
    timer.start()
    try:
        cur = con.execute(sql)
        columns = _unique([d[0] for d in (cur.description or [])])
        raw_rows = cur.fetchmany(row_limit + 1) if columns else []
    except duckdb.InterruptException as e:
        raise QueryTimeoutError(
            f"De databasevraag duurde langer dan {timeout_s:g} seconden en is afgebroken.", str(e)) from e
    except duckdb.Error as e:
        if state["fired"]:
            raise QueryTimeoutError(
                f"De databasevraag duurde langer dan {timeout_s:g} seconden en is afgebroken.", str(e)) from e
        raise QueryError("De databasevraag kon niet worden uitgevoerd.", str(e)) from e
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
    elapsed_ms = (time.perf_counter() - t0) * 1000
    hit_limit = len(raw_rows) >= row_limit
    rows = [dict(zip(columns, r, strict=True)) for r in raw_rows[:row_limit]]
    return QueryResult(columns=columns, rows=rows, sql=sql, elapsed_ms=elapsed_ms, hit_limit=hit_limit)


def _unique(names: list[str]) -> list[str]:
    """Row dicts need distinct keys: "SELECT a.doc_id, b.doc_id" gives doc_id and doc_id_2."""
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


def sql_literal(value: object) -> str:
    """A SQL string literal for a value taken from the database itself (never from question text)."""
    return "'" + str(value).replace("'", "''") + "'"
