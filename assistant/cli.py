"""Command line: `python -m assistant COMMAND ...`. Every command goes through the Assistant API."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from assistant.cli_errors import announce_handoff, run_command
from assistant.errors import query_error_hint
from assistant.numbers import format_dutch_number

log = logging.getLogger(__name__)


def _assistant():
    from assistant.api import Assistant

    return Assistant()


def _print_table(rows: list[dict[str, Any]], columns: list[str] | None = None, max_width: int = 60) -> None:
    if not rows:
        print("(geen rijen)")
        return
    columns = columns or list(rows[0])

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return format_dutch_number(v)
        s = str(v).replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    body = [[cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(b[i]) for b in body)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for b in body:
        print("  ".join(v.ljust(w) for v, w in zip(b, widths, strict=True)))


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    a = _assistant()
    bar = tqdm(total=100, desc="Inlezen", unit="%", file=sys.stderr, leave=False)

    def progress(frac: float, msg: str) -> None:
        bar.set_postfix_str(msg)
        bar.n = int(frac * 100)
        bar.refresh()

    announce_handoff(a, lambda text: bar.write(text, file=sys.stderr))
    results = a.ingest([Path(p) for p in args.paths] if args.paths else None, progress=progress)
    bar.close()
    for r in results:
        print(("FOUT: " if r.failed else "") + r.message)
    return 1 if any(r.failed for r in results) else 0


def cmd_remove(args: argparse.Namespace) -> int:
    a = _assistant()
    announce_handoff(a)
    if a.remove(Path(args.file).name):
        print(f"'{Path(args.file).name}' is verwijderd.")
        return 0
    print(f"'{Path(args.file).name}' is niet ingelezen; er is niets verwijderd.", file=sys.stderr)
    return 1


def cmd_status(args: argparse.Namespace) -> int:
    docs = _assistant().documents()
    # The store check (repairs when it may), first: on stderr when stdout carries JSON.
    print(_assistant().check_stores(deep=True).summary(), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(docs, default=str, ensure_ascii=False, indent=1))
        return 0
    _print_table(docs, ["file_name", "title", "municipality", "period_label", "kind", "n_chunks", "n_figures",
                        "n_facts"])
    print(f"\n{len(docs)} documenten, {sum(d['n_chunks'] for d in docs)} passages, "
          f"{sum(d['n_facts'] for d in docs)} cijfers.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hits = _assistant().search(args.query, k=args.k, municipality=args.municipality, year=args.year,
                               document=args.doc)
    if args.json:
        print(json.dumps([{"doc": h.doc, "lines": h.lines, "page": h.page, "section": h.section,
                           "score": h.score, "text": h.text} for h in hits], ensure_ascii=False))
        return 0
    if not hits:
        print("Niets gevonden.")
    for i, h in enumerate(hits, 1):
        where = f"{h.doc}, regels {h.lines[0]}–{h.lines[1]}" + (f", pagina {h.page}" if h.page else "")
        print(f"[{i}] {where}  ({h.section or h.figure or '-'})  score {h.score:.4f}")
        print("    " + h.text[:500].replace("\n", "\n    ") + "\n")
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    figs = _assistant().figures(document=args.doc, grep=args.grep)
    if args.json:
        print(json.dumps(figs, default=str, ensure_ascii=False, indent=1))
        return 0
    for f in figs:
        print(f"== {f['file_name']} · {f['label']}: {f['title'] or ''} (regels {f['line_start']}–{f['line_end']}, "
              f"{len(f['facts'])} cijfers)")
        _print_table(f["facts"], ["row_path", "column_label", "period_label", "municipality", "unit", "value",
                                  "status", "line"], max_width=45)
        print()
    print(f"{len(figs)} figuren.")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    from assistant.answer.sql_guard import QueryError, UnsafeSQLError

    try:
        res = _assistant().sql(args.query)
    except UnsafeSQLError as e:
        print(f"Geweigerd: {e.message}", file=sys.stderr)
        return 2
    except QueryError as e:  # a timeout, an unknown column, too much memory
        log.info("query failed: %s", e.detail)
        print(f"Fout: {e.message} ({query_error_hint(e.detail)})" if query_error_hint(e.detail)
              else f"Fout: {e.message}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(res.rows, default=str, ensure_ascii=False))
    else:
        _print_table(res.rows, res.columns)
    return 0


def _print_answer(ans) -> None:
    print(ans.answer)
    if ans.citations:
        print("\nBronnen:")
        for i, c in enumerate(ans.citations, 1):
            where = f"regels {c.lines[0]}–{c.lines[1]}" if c.lines else ""
            page = f", pagina {c.page}" if c.page else ""
            print(f"  [{i}] {c.title or c.doc} ({c.doc}, {where}{page}){' · ' + c.locator if c.locator else ''}")
    if ans.suggestions:
        print("\nMisschien bedoelt u:")
        for s in ans.suggestions:
            print(f"  - {s.title or s.doc}, regels {s.lines[0]}–{s.lines[1]}: {s.quote[:120]}")
    if ans.sql:
        print(f"\nSQL: {ans.sql}")


def cmd_ask(args: argparse.Namespace) -> int:
    a = _assistant()
    if args.batch:
        from assistant.batch import run_batch

        a.warm_up()
        return run_batch(a, Path(args.batch), sys.stdout)
    question = " ".join(args.question)
    ans = a.ask(question)
    if args.json:
        print(json.dumps(ans.contract(), ensure_ascii=False))
    else:
        _print_answer(ans)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    a = _assistant()
    a.warm_up()
    history = []
    print("Stel uw vraag over de rapportages (leeg of 'stop' om te stoppen).")
    while True:
        try:
            q = input("\nvraag> ").strip()
        except EOFError:
            break
        if q.lower() in ("", "stop", "exit", "quit"):
            break
        ans = a.ask(q, history)
        history.append(ans)
        _print_answer(ans)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.app import serve

    serve(port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="Vraagbaak sociaal domein")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="lees rapportages in (standaard: de meegeleverde corpus/)")
    s.add_argument("paths", nargs="*")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("remove", help="verwijder een ingelezen rapportage")
    s.add_argument("file")
    s.set_defaults(func=cmd_remove)

    s = sub.add_parser("status", help="toon ingelezen documenten")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    s = sub.add_parser("search", help="zoek passages (BM25 + vectoren)")
    s.add_argument("query")
    s.add_argument("-k", type=int, default=5)
    s.add_argument("--json", action="store_true")
    s.add_argument("--municipality")
    s.add_argument("--year", type=int)
    s.add_argument("--doc")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("figures", help="toon geëxtraheerde figuren en cijfers")
    s.add_argument("--doc")
    s.add_argument("--grep")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_figures)

    s = sub.add_parser("sql", help="voer één alleen-lezen SELECT uit")
    s.add_argument("query")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_sql)

    s = sub.add_parser("ask", help="stel een vraag")
    s.add_argument("question", nargs="*")
    s.add_argument("--json", action="store_true")
    s.add_argument("--batch", help="JSONL-bestand met {id, question} per regel")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("chat", help="vragen stellen in de terminal, met vervolgvragen")
    s.set_defaults(func=cmd_chat)

    s = sub.add_parser("serve", help="start de webinterface")
    s.add_argument("--port", type=int, default=None)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Logs go to stderr: stdout carries answers (the --batch contract).
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    return run_command(args.func, args)
