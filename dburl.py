"""Database URLs: which engine, where, as whom, and how to show them without the password.

    duckdb:///relative/file.duckdb     duckdb:////absolute/file.duckdb
    sqlite:///relative/file.db         sqlite:////absolute/file.db
    postgresql://user[:password]@host[:port]/dbname[?libpq parameters]   (also postgres://)
    mysql://user[:password]@host[:port]/dbname                           (also mariadb://)

File URLs follow SQLAlchemy's convention (three slashes and a relative path, four for an
absolute one). A password may come from the URL or, when the URL has none, from
`SEMVIEW_DB_PASSWORD`, else the engine's own variable (`PGPASSWORD`, `MYSQL_PWD`). Every
password semview could have used is masked in anything it prints: `DatabaseURL.shown`
and `DatabaseURL.redact()`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from .generator.diagnostics import CompileError, Diagnostic

# URL scheme -> semview's name for the engine (which is also its dialect's name).
SCHEMES = {"duckdb": "duckdb", "sqlite": "sqlite", "postgres": "postgres", "postgresql": "postgres",
           "mysql": "mysql", "mariadb": "mysql"}
PASSWORD_VARIABLES = {"postgres": "PGPASSWORD", "mysql": "MYSQL_PWD"}
MASK = "***"
EXAMPLES = ("duckdb:///warehouse.duckdb, sqlite:///app.db, postgresql://user@host:5432/db, "
            "mysql://user@host:3306/db")


@dataclass(frozen=True, slots=True)
class DatabaseURL:
    engine: str  # duckdb, sqlite, postgres, mysql
    shown: str  # the URL with its password replaced by ***
    path: Path | None = None  # file engines
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    params: tuple[tuple[str, str], ...] = ()  # the query string, e.g. libpq's options=
    secrets: tuple[str, ...] = field(default=(), repr=False)  # every password to mask

    def redact(self, text: str) -> str:
        """`text` with every known password (plain or URL-encoded) replaced by ***."""
        return _redact(text, self.secrets)


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        # A password of one or two characters would mask letters of every word, and
        # shows nothing; the URL form of it is masked in `shown` all the same.
        if len(secret) >= 3:
            for form in dict.fromkeys((secret, quote(secret, safe=""), quote(secret))):
                text = text.replace(form, MASK)
    return text


def usage_error(message: str, hint: str) -> CompileError:
    """A bad URL, an unreachable database: the user's setup, not the catalog (exit 2)."""
    return CompileError((Diagnostic("SV202", message, hint=hint),), exit_code=2)


def parse_url(url: str, environ: Mapping[str, str] | None = None) -> DatabaseURL:
    """Split `url` into its parts; a password missing from it is taken from the environment."""
    environ = os.environ if environ is None else environ
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # e.g. a port that is not a number
        raise usage_error(f"invalid database URL: {exc}", f"use one of {EXAMPLES}") from None
    engine = SCHEMES.get(parts.scheme.lower())
    env_secrets = [environ.get(v) for v in ("SEMVIEW_DB_PASSWORD", *PASSWORD_VARIABLES.values())]
    if engine is None:
        shown = _redact(_mask_url(url, parts), tuple(s for s in [parts.password, *env_secrets] if s))
        scheme = parts.scheme or "(none)"
        raise usage_error(f"unsupported database URL scheme '{scheme}' in {shown}", f"use one of {EXAMPLES}")
    password = unquote(parts.password) if parts.password is not None else None
    if password is None:
        password = environ.get("SEMVIEW_DB_PASSWORD") or environ.get(PASSWORD_VARIABLES.get(engine, ""), None)
    secrets = tuple(dict.fromkeys(s for s in [password, parts.password, *env_secrets] if s))
    shown = _redact(_mask_url(url, parts), secrets)
    if engine in ("duckdb", "sqlite"):
        return DatabaseURL(engine, shown, path=_file_path(parts, shown), secrets=secrets)
    return DatabaseURL(engine, shown, host=parts.hostname, port=port,
                       user=unquote(parts.username) if parts.username else None, password=password,
                       database=unquote(parts.path.lstrip("/")) or None,
                       params=tuple(parse_qsl(parts.query, keep_blank_values=True)), secrets=secrets)


def _mask_url(url: str, parts) -> str:
    if parts.password is None:
        return url
    user = f"{parts.username}:" if parts.username is not None else ":"
    return url.replace(f"{user}{parts.password}@", f"{user}{MASK}@", 1)


def _file_path(parts, shown: str) -> Path:
    if parts.netloc or not parts.path.startswith("/") or parts.query:
        raise usage_error(f"invalid file database URL {shown}",
                          f"{parts.scheme}:///relative/file or {parts.scheme}:////absolute/file")
    text = unquote(parts.path[1:])  # `///rel` -> `rel`, `////abs` -> `/abs`
    if not text:
        raise usage_error(f"{shown} names no file", f"{parts.scheme}:///relative/file")
    return Path(text)
