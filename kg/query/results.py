"""Writing query answers: an aligned table for the terminal, CSV, TSV, SPARQL results JSON and XML,
and Turtle (or N-Triples, RDF/XML, JSON-LD) for CONSTRUCT and DESCRIBE answers.

CSV and TSV follow "SPARQL 1.1 Query Results CSV and TSV Formats": CSV holds plain values (IRIs
without brackets, literals without tags) with CRLF line ends; TSV holds terms in Turtle syntax.
JSON and XML follow the W3C result formats; a value holding a character XML 1.0 cannot hold (the
C0 controls but tab and line breaks, U+FFFE, U+FFFF) is refused in XML with a ``QueryError`` naming
it, never written as an ill-formed document. The table is for people: IRIs shortened with the known
prefixes, numbers right-aligned, columns aligned by display width, so 高堂社区 takes eight columns
of the terminal, not four; line breaks become spaces and other control characters (a terminal's
escape sequences, bidirectional overrides) are shown escaped (``\\x1b``, ``\\u202e``), never sent
to the terminal. A CONSTRUCT answer asked for as "table" is Turtle with such characters written as
``\\u001B`` escapes (the same graph).
"""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.display import one_line
from kg.query.engine import QueryError, QueryResult
from kg.query.width import display_width

# format name -> media type
SELECT_FORMATS = {
    "table": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
}
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt", "json-ld")

MAX_CELL_WIDTH = 60

# what a terminal acts on or reorders, but line breaks and tabs (kept as Turtle's layout)
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# what XML 1.0 cannot hold, even as a character reference
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                                  "nonNegativeInteger", "positiveInteger", "negativeInteger",
                                  "nonPositiveInteger", "unsignedInt", "unsignedLong")}


def serialize(result: QueryResult, fmt: str, *, prefixes: dict[str, str] | None = None) -> bytes:
    """``result`` in format ``fmt`` (one of :data:`FORMATS`) as UTF-8 bytes.

    A CONSTRUCT answer asked for as "table" comes as Turtle; a SELECT or ASK answer cannot be
    written as a graph format (``QueryError``).
    """
    if result.kind == "CONSTRUCT":
        graph_fmt = {"table": "turtle", "json": "json-ld"}.get(fmt, fmt)
        if graph_fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT or DESCRIBE answer is a graph: write it as "
                             f"{', '.join(GRAPH_FORMATS)}, not {fmt}")
        if result.graph is None:
            raise QueryError("a CONSTRUCT answer without a graph")
        if graph_fmt == "xml":
            for triple in result.graph:
                for term in triple:
                    _xml_text(str(term))
        data = result.graph.serialize(format=graph_fmt, encoding="utf-8")
        data = data if isinstance(data, bytes) else data.encode("utf-8")
        return _turtle_for_terminal(data) if fmt == "table" else data
    writers = {"table": lambda r: to_table(r, prefixes=prefixes), "csv": to_csv, "tsv": to_tsv,
               "json": to_json, "xml": to_xml}
    if fmt not in writers:
        raise QueryError(f"a {result.kind} answer is written as {', '.join(SELECT_FORMATS)}, not {fmt}")
    return writers[fmt](result).encode("utf-8")


def _turtle_for_terminal(data: bytes) -> bytes:
    """Turtle with the control characters of its strings written as ``\\uXXXX`` (the same graph),
    so that a literal cannot drive the terminal it is printed on."""
    text = data.decode("utf-8")
    return _TERMINAL_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04X}", text).encode("utf-8")


def file_bytes(data: bytes, fmt: str) -> bytes:
    """An answer ``serialize`` wrote as ``fmt``, as a file holds it: CSV starts with a UTF-8 byte
    order mark, which Excel needs to read it as UTF-8 (without it, Excel on a Chinese Windows reads
    GBK and garbles every name). On stdout and over HTTP an answer has no mark."""
    bom = b"\xef\xbb\xbf"
    return bom + data if fmt == "csv" and not data.startswith(bom) else data


def media_type(result: QueryResult, fmt: str) -> str:
    """The HTTP media type of ``result`` written as ``fmt``."""
    if result.kind == "CONSTRUCT":
        return GRAPH_FORMATS[{"table": "turtle", "json": "json-ld"}.get(fmt, fmt)]
    return SELECT_FORMATS[fmt]


# JSON and XML --------------------------------------------------------------------------------

def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False) + "\n"
    bindings = []
    for row in result.rows:
        bindings.append({var: _json_term(term)
                         for var, term in zip(result.variables, row, strict=True) if term is not None})
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"cannot write {term!r} as a SPARQL JSON term")


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    for var in result.variables:
        out.append(f"  <variable name={quoteattr(var)}/>")
    out.append("</head>")
    if result.kind == "ASK":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("  <result>")
            for var, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"    <binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
            out.append("  </result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: Node) -> str:
    text = escape(_xml_text(str(term)))
    if isinstance(term, URIRef):
        return f"<uri>{text}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{text}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{text}</literal>"
        if term.datatype is not None:
            return f"<literal datatype={quoteattr(str(term.datatype))}>{text}</literal>"
        return f"<literal>{text}</literal>"
    raise QueryError(f"cannot write {term!r} as a SPARQL XML term")


def _xml_text(text: str) -> str:
    """``text`` if XML 1.0 can hold it, else a ``QueryError`` naming the character."""
    match = _NOT_XML.search(text)
    if match:
        raise QueryError(f"the answer holds the character U+{ord(match.group()):04X}, which XML 1.0 cannot "
                         f"hold (in {one_line(text[:40])!s}…): ask for JSON, CSV or TSV instead")
    return text


# CSV and TSV ---------------------------------------------------------------------------------

def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values, CRLF line ends (an ASK answer is one "true"/"false" line)."""
    if result.kind == "ASK":
        return ("true" if result.boolean else "false") + "\r\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in Turtle syntax (an ASK answer is one line)."""
    if result.kind == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Node) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == str(XSD.integer):
        text = str(term)
        if text.lstrip("+-").isdigit():
            return text
    text = term.n3()
    return text.replace("\t", "\\t")


# the table -----------------------------------------------------------------------------------

def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display columns, ending in "…" when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def to_table(result: QueryResult, *, prefixes: dict[str, str] | None = None,
             max_cell: int = MAX_CELL_WIDTH) -> str:
    """An aligned text table: a header, a rule, one line per row and a row count."""
    if result.kind == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    names = sorted((prefixes or {}).items(), key=lambda item: -len(item[1]))
    cells = [[_cell(term, names, max_cell) for term in row] for row in result.rows]
    numeric = [all(row[i] is None or _is_number(row[i]) for row in result.rows) and bool(result.rows)
               for i in range(len(result.variables))]
    widths = [display_width(v) for v in result.variables]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    header = zip(result.variables, widths, strict=True)
    lines = ["  ".join(pad(v, w, right=numeric[i]) for i, (v, w) in enumerate(header))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        cells_widths = zip(row, widths, strict=True)
        lines.append("  ".join(pad(c, w, right=numeric[i]) for i, (c, w) in enumerate(cells_widths)).rstrip())
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _is_number(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in _NUMERIC


def _cell(term: Node | None, names: list[tuple[str, str]], max_cell: int) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in names:
            if text.startswith(namespace) and len(text) > len(namespace):
                text = f"{prefix}:{text[len(namespace):]}"
                break
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
    text = one_line(" ".join(text.split()))  # no line breaks or terminal controls inside a table cell
    return truncate(text, max_cell)
