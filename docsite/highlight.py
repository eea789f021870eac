"""SQL syntax highlighting done once, at build time, with sqlglot's own tokenizer.

Each token keeps its exact text (the tokenizer reports where it starts and ends), so
the highlighted HTML shows byte-for-byte the SQL that `semview build` writes; only the
spans around it are added.

    >>> highlight_sql("SELECT MAX(x)", "duckdb")
    '<span class="kw">SELECT</span> <span class="fn">MAX</span>(<span class="id">x</span>)'
"""
from __future__ import annotations

import html

from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

_STRINGS = frozenset(t for t in TokenType if t.name.endswith("STRING") and t.name not in (
    "LINESTRING", "MULTILINESTRING", "FIXEDSTRING"))  # those three are type names, not literals
_NAMES = frozenset({TokenType.VAR, TokenType.IDENTIFIER})
_NUMBERS = frozenset({TokenType.NUMBER})


def _css_class(token: Token, following: Token | None) -> str | None:
    if token.token_type in _STRINGS:
        return "st"
    if token.token_type in _NUMBERS:
        return "nu"
    if token.token_type in _NAMES:
        # A bare name followed by "(" is a function call, whatever the dialect calls it.
        if token.token_type is TokenType.VAR and following is not None and \
                following.token_type is TokenType.L_PAREN:
            return "fn"
        return "id"
    if token.text[:1].isalpha() or token.text[:1] == "_":
        return "kw"
    return None  # punctuation and operators stay plain


def highlight_sql(sql: str, read: str) -> str:
    """`sql` as escaped HTML with `<span class="kw|st|nu|id|fn|cm">` around its tokens.

    Falls back to plain escaped text if the tokenizer rejects the input, so a page is
    never lost to highlighting.
    """
    try:
        tokens = Dialect.get_or_raise(read).tokenize(sql)
    except SqlglotError:
        return html.escape(sql, quote=True)
    out: list[str] = []
    pos = 0
    for i, token in enumerate(tokens):
        start, end = token.start, token.end + 1
        if start < pos or end > len(sql):  # positions we cannot trust: keep the text intact
            return html.escape(sql, quote=True)
        out.append(_gap(sql[pos:start]))
        text = html.escape(sql[start:end], quote=True)
        cls = _css_class(token, tokens[i + 1] if i + 1 < len(tokens) else None)
        out.append(f'<span class="{cls}">{text}</span>' if cls else text)
        pos = end
    out.append(_gap(sql[pos:]))
    return "".join(out)


def _gap(text: str) -> str:
    """Text between tokens: whitespace, or comments (the tokenizer attaches those to tokens)."""
    if not text or text.isspace():
        return text
    return f'<span class="cm">{html.escape(text, quote=True)}</span>'
