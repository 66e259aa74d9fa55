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


def getal(text: str) -> int:
    """An int argument; the function's name is what argparse prints in its (Dutch) error."""
    return int(text)


def jaartal(text: str) -> int:
    return int(text)


def _count(n: int, one: str, many: str) -> str:
    """'1 passage', '293 passages', '1.666 cijfers'."""
    return f"{format_dutch_number(n)} {one if n == 1 else many}"


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    a = _assistant()
    bar = tqdm(total=100, desc="Inlezen", file=sys.stderr, leave=False,
               bar_format="{desc}: {percentage:3.0f}% |{bar}| {postfix}")

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
    # The store check (repairs when it may): on stderr when stdout carries JSON, else after the table.
    check = _assistant().check_stores(deep=True).summary()
    if args.json:
        print(check, file=sys.stderr)
        print(json.dumps(docs, default=str, ensure_ascii=False, indent=1))
        return 0
    from assistant.answer.compose import period_text

    rows = [{"Titel": d.get("title") or d["file_name"], "Gemeente": d.get("municipality") or "",
             "Periode": period_text(d.get("period_label")), "Soort": d.get("kind") or "",
             "Passages": d.get("n_chunks") or 0,
             "Tabellen gelezen/deels/niet": f"{d.get('n_tables_read') or 0}/{d.get('n_tables_partly') or 0}/"
                                            f"{d.get('n_tables_not_read') or 0}",
             "Cijfers": d.get("n_facts") or 0, "Toezeggingen": d.get("n_commitments") or 0,
             "Bestand": d["file_name"]} for d in docs]
    _print_table(rows, max_width=70)
    n_docs, n_chunks, n_facts = len(docs), sum(d["n_chunks"] for d in docs), sum(d["n_facts"] for d in docs)
    print(f"\n{_count(n_docs, 'document', 'documenten')}, {_count(n_chunks, 'passage', 'passages')}, "
          f"{_count(n_facts, 'cijfer', 'cijfers')}.")
    print(check)
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
    status_words = {"read": "gelezen", "partly": "deels gelezen", "not_read": "niet gelezen"}
    for f in figs:
        status = status_words.get(f.get("status") or "read", f.get("status") or "")
        why = f" – {f['status_note']}" if f.get("status_note") else ""
        print(f"== {f['file_name']} · {f['label']}: {f['title'] or ''} (regels {f['line_start']}–{f['line_end']}, "
              f"{len(f['facts'])} cijfers; {status}{why})")
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


def _where(c) -> str:
    """'pagina 2 · Tabel 1, regel 19' (PDF page or section, the figure, the line)."""
    lines = c.row_lines or c.lines
    parts = [f"pagina {c.page}" if c.page else (f"§ {c.section.split(' > ')[-1]}" if c.section else "")]
    if c.locator:
        parts.append(c.locator)
    where = " · ".join(p for p in parts if p)
    if lines:
        span = f"regel {lines[0]}" if lines[0] == lines[-1] else f"regels {lines[0]}–{lines[-1]}"
        where = f"{where}, {span}" if where else span
    return where


def _print_answer(ans, show_sql: bool = False) -> None:
    """The headline figure first (when there is one), then the text, the sources; SQL only on request."""
    if ans.headline:
        print(ans.headline.text() + (f"  ({ans.headline.notation})" if ans.headline.notation else ""))
        print(ans.context or ans.answer)
        if ans.derivation:
            print(f"Berekening: {ans.derivation}")
    else:
        print(ans.answer)
    if ans.citations:
        print("\nBronnen:")
        for i, c in enumerate(ans.citations, 1):
            print(f"  [{i}] {c.title or c.doc} — {_where(c)} (bestand {c.doc})")
    if ans.suggestions:
        print("\nMisschien helpen deze passages:")
        for s in ans.suggestions:
            print(f"  - {s.title or s.doc} — {_where(s)}: {' '.join(s.quote.split())[:120]}")
    if show_sql and ans.sql:
        print(f"\nSQL: {ans.sql}")


def cmd_ask(args: argparse.Namespace) -> int:
    a = _assistant()
    if args.batch:
        from assistant.batch import run_batch

        a.warm_up()
        return run_batch(a, Path(args.batch), sys.stdout)
    question = " ".join(args.question)
    ans = a.ask(question, municipality=args.gemeente, year=args.jaar)
    if args.json:
        print(json.dumps(ans.contract(), ensure_ascii=False))
    else:
        _print_answer(ans, show_sql=args.sql)
    return 0


CHAT_HELP = """Typ een vraag over de rapportages, bijvoorbeeld:
  Hoeveel cliënten had de Participatiewet in de eerste helft van 2018?
  Wat houdt toezegging T2018-063 in?
Een korte vervolgvraag ("En in 2017?") gaat over hetzelfde onderwerp als de vorige vraag.

Opdrachten:
  hulp             deze uitleg (ook: help, ?)
  nieuw            begin een nieuw gesprek (vergeet de vorige vragen)
  gemeente NAAM    beperk de vragen tot één gemeente ('gemeente alle' heft dat op)
  jaar JJJJ        beperk de vragen tot één jaar ('jaar alle' heft dat op)
  sql              toon of verberg de SQL achter een cijferantwoord
  stop             stoppen (ook: een lege regel, exit, quit of Ctrl-D)"""


def cmd_chat(args: argparse.Namespace) -> int:
    a = _assistant()
    a.warm_up()
    history = []
    municipality, year, show_sql = args.gemeente, args.jaar, args.sql
    print("Stel uw vraag over de rapportages. Typ 'hulp' voor uitleg, 'stop' (of een lege regel) om te stoppen.")
    while True:
        try:
            q = input("\nvraag> ").strip()
        except EOFError:
            break
        word, _, rest = q.partition(" ")
        low = word.lower()
        if q.lower() in ("", "stop", "exit", "quit"):
            break
        if q.lower() in ("hulp", "help", "?", "/hulp", "/help"):
            print(CHAT_HELP)
            continue
        if q.lower() == "nieuw":
            history = []
            print("Nieuw gesprek: eerdere vragen worden niet meer meegenomen.")
            continue
        if q.lower() == "sql":
            show_sql = not show_sql
            print("De SQL wordt " + ("getoond." if show_sql else "niet meer getoond."))
            continue
        if low == "gemeente" and rest:
            municipality = None if rest.strip().lower() == "alle" else rest.strip()
            print(f"Gemeente: {municipality or 'alle gemeenten'}.")
            continue
        if low == "jaar" and rest:
            value = rest.strip()
            year = int(value) if value.isdigit() else None
            print(f"Jaar: {year or 'alle jaren'}.")
            continue
        ans = a.ask(q, history, municipality=municipality, year=year)
        history.append(ans)
        _print_answer(ans, show_sql=show_sql)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the assistant on a question set in the development-set format (see assistant.evaluation)."""
    from assistant.evaluation.questions import Report, judge

    path = Path(args.file)
    if not path.exists():
        print(f"Fout: het bestand '{path}' bestaat niet.", file=sys.stderr)
        return 2
    golds = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
            _ = g["question"], g["kind"]
        except (ValueError, KeyError, TypeError):
            print(f"Fout: regel {n} van '{path.name}' is geen vraag in het juiste formaat "
                  "({\"id\", \"question\", \"kind\", \"expected\", \"source\"}).", file=sys.stderr)
            return 2
        golds.append(g)
    a = _assistant()
    report = Report()
    for g in golds:
        ans = a.ask(g["question"])
        v = judge(g, ans.contract(g.get("id")))
        report.verdicts.append(v)
        report.latencies.append(ans.elapsed_ms)
        if args.show_wrong and not v.correct:
            label = "geweigerd" if v.refused else "FOUT"
            print(f"[{label}] {g.get('id', '')} ({g['kind']}) {g['question']}\n   antwoord: {ans.answer[:300]!r}")
    for line in report.lines():
        print(line)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.app import serve

    serve(port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from assistant.cli_nl import DutchFormatter, install

    install()  # argparse's own strings in Dutch; before any parser is made
    p = argparse.ArgumentParser(
        prog="python -m assistant", formatter_class=DutchFormatter,
        description="Vraagbaak sociaal domein: vragen over Jeugdwet, Wmo en Participatiewet, beantwoord uit de "
                    "ingelezen rapportages, met bronnen.",
        epilog="Voorbeelden:\n"
               "  python -m assistant ingest                 de meegeleverde rapportages inlezen\n"
               "  python -m assistant ask \"Hoeveel cliënten had de Participatiewet in H1 2018?\"\n"
               "  python -m assistant chat                   vragen stellen met vervolgvragen\n"
               "  python -m assistant serve                  de webinterface starten\n\n"
               "Meer uitleg per opdracht: python -m assistant OPDRACHT --help")
    p.add_argument("-v", "--verbose", action="store_true", help="toon ook informatieve logregels (op stderr)")
    sub = p.add_subparsers(dest="command", required=True, title="opdrachten", metavar="OPDRACHT")

    def command(name: str, help_text: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=description or help_text[:1].upper() + help_text[1:]
                              + ".", formatter_class=DutchFormatter)

    s = command("ingest", "lees rapportages in (standaard: de meegeleverde map corpus/)",
                "Lees rapportages in (PDF, DOCX, TXT, MD, HTML). Ongewijzigde bestanden worden overgeslagen; "
                "een gewijzigd bestand vervangt de vorige versie.")
    s.add_argument("paths", nargs="*", metavar="PAD", help="bestanden of mappen (standaard: corpus/)")
    s.set_defaults(func=cmd_ingest)

    s = command("remove", "verwijder een ingelezen rapportage")
    s.add_argument("file", metavar="BESTAND", help="bestandsnaam zoals ingelezen (zie 'status')")
    s.set_defaults(func=cmd_remove)

    s = command("status", "toon de ingelezen rapportages en wat eruit gelezen is")
    s.add_argument("--json", action="store_true", help="als JSON (alle velden)")
    s.set_defaults(func=cmd_status)

    s = command("search", "zoek passages (BM25 en vectoren)")
    s.add_argument("query", metavar="ZOEKTEKST", help="waar u naar zoekt")
    s.add_argument("-k", type=getal, default=5, metavar="AANTAL", help="aantal passages (standaard 5)")
    s.add_argument("--json", action="store_true", help="als JSON")
    s.add_argument("--municipality", "--gemeente", dest="municipality", metavar="GEMEENTE",
                   help="alleen rapportages van deze gemeente")
    s.add_argument("--year", "--jaar", dest="year", type=jaartal, metavar="JAAR", help="alleen rapportages over dit jaar")
    s.add_argument("--doc", metavar="BESTAND", help="alleen dit document")
    s.set_defaults(func=cmd_search)

    s = command("figures", "toon de uit tabellen gelezen figuren en cijfers")
    s.add_argument("--doc", metavar="BESTAND", help="alleen dit document")
    s.add_argument("--grep", metavar="TEKST", help="alleen figuren of rijen met deze tekst")
    s.add_argument("--json", action="store_true", help="als JSON")
    s.set_defaults(func=cmd_figures)

    s = command("sql", "voer één alleen-lezen SELECT uit op de cijfers (bijv. fact_view)")
    s.add_argument("query", metavar="SELECT", help="de query")
    s.add_argument("--json", action="store_true", help="als JSON")
    s.set_defaults(func=cmd_sql)

    s = command("ask", "stel een vraag",
                "Stel een vraag en krijg het antwoord met bronnen. Met --json --batch: het evaluatiecontract "
                "(één JSON-object per vraag op stdout).")
    s.add_argument("question", nargs="*", metavar="VRAAG", help="de vraag (aanhalingstekens zijn niet nodig)")
    s.add_argument("--json", action="store_true",
                   help="het antwoord als JSON-object: question, answer, route, sql, citations, refused, elapsed_ms")
    s.add_argument("--batch", metavar="BESTAND", help="JSONL-bestand met {\"id\", \"question\"} per regel; "
                                                     "met --json één antwoordobject per regel")
    s.add_argument("--sql", action="store_true", help="toon ook de SQL achter een cijferantwoord")
    s.add_argument("--gemeente", "--municipality", dest="gemeente", metavar="GEMEENTE",
                   help="beperk de vraag tot de rapportages van deze gemeente")
    s.add_argument("--jaar", "--year", dest="jaar", type=jaartal, metavar="JAAR", help="beperk de vraag tot dit jaar")
    s.set_defaults(func=cmd_ask)

    s = command("chat", "stel vragen in de terminal, met vervolgvragen (typ daar 'hulp')")
    s.add_argument("--sql", action="store_true", help="toon de SQL achter cijferantwoorden")
    s.add_argument("--gemeente", "--municipality", dest="gemeente", metavar="GEMEENTE",
                   help="beperk de vragen tot deze gemeente")
    s.add_argument("--jaar", "--year", dest="jaar", type=jaartal, metavar="JAAR", help="beperk de vragen tot dit jaar")
    s.set_defaults(func=cmd_chat)

    s = command("eval", "toets de assistent met eigen vragen en antwoorden",
                "Stel elke vraag uit een JSONL-bestand (hetzelfde formaat als de ontwikkelset: id, question, "
                "kind, expected, source) en toon per soort de score, hoe vaak de bron geraakt is, hoeveel "
                "antwoorden er gegeven zijn en hoeveel daarvan fout waren.")
    s.add_argument("file", metavar="VRAGEN", help="JSONL-bestand met vragen en verwachte antwoorden")
    s.add_argument("--show-wrong", action="store_true", help="toon de vragen die niet goed gingen")
    s.set_defaults(func=cmd_eval)

    s = command("serve", "start de webinterface")
    s.add_argument("--port", type=getal, default=None, metavar="POORT", help="poort (standaard ASSISTANT_PORT of 7860)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Logs go to stderr: stdout carries answers (the --batch contract).
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        # libraries that set their own logger to DEBUG (bm25s does) still stay out of normal output
        handler.setLevel(level)
    return run_command(args.func, args)
