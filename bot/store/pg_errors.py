"""What a PostgreSQL failure says to an operator: the server's words, never a password."""

from __future__ import annotations

import re

import psycopg
from psycopg.conninfo import conninfo_to_dict


def redact(text: str) -> str:
    """Hide any password that a connection error might echo back."""
    text = re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text)


def _reason(exc: BaseException) -> str:
    """The error's own words on one line, without SQL excerpts or passwords."""
    lines: list[str] = []
    for line in str(exc).splitlines():
        if line.startswith(("LINE ", " ")) and lines:
            break
        lines.append(line.strip())
    text = re.sub(r"\s+", " ", redact(" ".join(lines))).strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _where_to(conninfo: str) -> str:
    try:
        parts = conninfo_to_dict(conninfo)
    except psycopg.Error:
        return "PostgreSQL"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    db = parts.get("dbname") or parts.get("user") or "(default database)"
    return f"PostgreSQL at {host}:{port}, database {db}"
