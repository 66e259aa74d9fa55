"""The Gradio UI end to end: a real store, the real app on loopback, headless Debian Chromium.

The store is a copy of the session store (tests/conftest.py), so no second ingest of the corpus:
the upload test adds a report of another municipality, which the other suites must not see.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_settings

DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIXTURE = ROOT / "tests" / "fixtures" / "ui" / "jaarrapportage_oudewater_2019.txt"
UPLOAD_NAME = "jaarrapportage_oudewater_2019.pdf"
UPLOAD_TITLE = "Jaarrapportage sociaal domein gemeente Oudewater 2019: zorg, ondersteuning en werk"
FIGURE_Q = "Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?"
FILTER_Q = "Hoeveel cliënten Jeugdwet waren er in 2018?"

# Strings a first-time user met in English (or as developer codes); none may show on any tab.
ENGLISH = re.compile(r"\b(Warning|Error|Loading|Drop File Here|Click to Upload|Upload|Clear|Submit|Search|"
                     r"Copy|Examples|positional arguments|options|number|text|fulfilment|passages? found|"
                     r"Dropdown)\b|\b1 passages\b|\b20\d\d-H[12]\b|\d,\d{3}\b")

CONCURRENT = [
    ("Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?", "934"),
    ("Hoeveel cliënten had de Participatiewet in H1 2018?", "839"),
    ("Wat waren de totale lasten van programma 3 in 2017?", "34,0 miljoen"),
    ("Hoeveel meldingen kreeg Veilig Thuis uit Zwijndrecht in 2016?", "341"),
    ("Hoeveel mantelzorgers ondersteunde het Steunpunt Mantelzorg in H1 2018?", "650"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui_assistant(built_assistant, tmp_path_factory) -> Iterator:
    """An Assistant over a copy of the session store (corpus ingested once per test session)."""
    from assistant.api import Assistant

    data = tmp_path_factory.mktemp("ui-store") / "data"
    shutil.copytree(built_assistant.settings.data_dir, data)
    a = Assistant(make_settings(data))
    a.warm_up()
    yield a
    a.close()


@pytest.fixture(scope="module")
def app_url(ui_assistant) -> Iterator[str]:
    from ui.app import build_app, launch

    app = build_app(ui_assistant)
    port = _free_port()
    launch(app, "127.0.0.1", port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}"
    app.close()


@pytest.fixture(scope="module")
def browser(app_url):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, app_url, width: int = 1400, height: int = 1100):
    # An English browser on purpose: the interface must be Dutch whatever the browser's language.
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app_url + "/")
    pg.locator("#vraag textarea").wait_for()
    return ctx, pg


@pytest.fixture
def page(browser, app_url):
    ctx, pg = _page(browser, app_url)
    yield pg
    ctx.close()


def ask(pg, question: str, n_answers: int = 1) -> str:
    """Types a question, sends it, returns the text of the newest answer card."""
    pg.locator("#vraag textarea").fill(question)
    pg.locator("#verstuur").click()
    pg.wait_for_function(
        """n => { const b = document.querySelectorAll('#gesprek .message.bot');
                 return b.length >= n && document.querySelector('#vraag textarea').value === ''
                        && b[b.length - 1].querySelector('.antwoord-kaart'); }""",
        arg=n_answers, timeout=90_000)
    return pg.locator("#gesprek .message.bot .antwoord-kaart").last.inner_text()


def choose(pg, elem_id: str, option: str) -> None:
    """Pick an option of a Gradio dropdown."""
    pg.locator(f"#{elem_id} input").click()
    pg.get_by_role("option", name=option, exact=True).click()
    pg.wait_for_function(f"() => document.querySelector('#{elem_id} input').value === {option!r}")


def digits(text: str) -> str:
    """'4.321' and '4321' alike: Dutch thousands separators removed."""
    return re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)


def no_english(pg, where: str) -> None:
    """No English UI string (or period code) in the visible text; the SQL box is code, not UI text."""
    text = pg.evaluate("""() => { const sql = [...document.querySelectorAll('#sql')];
        sql.forEach(e => e.style.display = 'none'); const t = document.body.innerText;
        sql.forEach(e => e.style.display = ''); return t; }""")
    found = sorted({m.group(0) for m in ENGLISH.finditer(text)})
    assert not found, f"English or codes on {where}: {found}"


def report_pdf(dst: Path) -> Path:
    """The invented Oudewater report (tests/fixtures/ui) as a PDF, one page per form feed."""
    from fpdf import FPDF

    pdf = FPDF()
    for text in FIXTURE.read_text(encoding="utf-8").split("\f"):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in text.splitlines():
            if line.strip():
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(4)
    pdf.output(str(dst))
    return dst


@pytest.mark.browser
def test_figure_answer_card_sources_passage_chart_table_and_downloads(page, ui_assistant):
    card = ask(page, FIGURE_Q)
    # the figure stands first, large, with what it counts and the period in words
    first = page.locator("#gesprek .message.bot .antwoord-kaart").last.locator(":scope > *").first
    assert first.get_attribute("class") == "kerncijfer"
    assert first.locator(".getal").inner_text() == "934"
    assert card.startswith("934 ") and "eerste helft 2018" in card
    bot = page.locator('#gesprek [data-testid="bot"]').last  # a Dutch label for screen readers, not raw HTML
    page.wait_for_function("() => (document.querySelector('#gesprek [data-testid=\"bot\"]')"
                           "?.getAttribute('aria-label') || '').startsWith('Antwoord: 934')")
    assert "<" not in bot.get_attribute("aria-label")

    # source card: the document title in full, the place, the cited row with the number marked
    title = next(d["title"] for d in ui_assistant.documents() if d["file_name"] == "000_2e09650ff663accc.txt")
    assert len(title) > 48
    src = page.locator("#bronkaarten .bron-kaart").first
    assert src.locator(".bron-titel").inner_text() == title
    assert "Figuur 4" in src.locator(".bron-plaats").inner_text()
    # the figure is marked, and so is the same half a year earlier that the answer compares it with
    assert "934" in src.locator("mark.bron-getal").all_inner_texts()
    assert "000_2e09650ff663accc" not in src.inner_text()  # no hashed file names for people

    # the [1] marker in the message opens its card; the passage view marks the row under its header
    page.locator("#gesprek a.bron-ref").last.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('#bron-kaart-1 button')")
    row = page.locator("#bron-passage .bron-rij")
    assert row.count() == 1 and "Eindtotaal" in row.inner_text()
    assert "934" in row.locator("mark.bron-getal").all_inner_texts()
    assert "H1 2015" in page.locator("#bron-passage .tabelkop").inner_text()
    assert page.evaluate("() => { const b = document.querySelector('#bron-passage .bron-tekst');"
                         " const r = b.querySelector('.bron-rij'); return r.offsetTop - b.offsetTop"
                         " >= b.scrollTop && r.offsetTop - b.offsetTop <= b.scrollTop + b.clientHeight; }")

    # the card's link opens the text at the cited line in the read-only viewer
    href = src.locator("a.bron-link").get_attribute("href")
    assert href.startswith("/bronnen/000_2e09650ff663accc.txt?van=640") and href.endswith("#r640")
    viewer = page.context.new_page()
    viewer.goto(page.url.rstrip("/") + href)
    assert "gemarkeerd" in viewer.locator("#r640").get_attribute("class")
    assert viewer.evaluate("() => document.querySelector(':target').id") == "r640"
    assert viewer.locator("h1").inner_text() == title
    viewer.close()

    # chart: Dutch numbers on the axis, from 0, a title naming row and municipality, periods in words
    chart = page.locator("#grafiek figure")
    assert "Lansingerland" in chart.locator("figcaption").inner_text()
    ticks = page.locator("#grafiek svg.breed text.y-label").all_text_contents()
    assert ticks[0] == "0" and "1.000" in ticks, ticks
    x_labels = [" ".join(t.locator("tspan").all_text_contents())
                for t in page.locator("#grafiek svg.breed text.x-label").all()]
    assert "1e helft 2018" in x_labels and "1e helft 2015" in x_labels, x_labels
    assert page.locator("#grafiek svg.breed text.as-titel").text_content() == "aantal"

    # table in Dutch; the CSV download holds the rows
    headers = page.locator("#cijfers th").all_inner_texts()
    assert headers[:2] == ["Reeks", "Periode"] and "Waarde" in headers
    assert "eerste helft 2018" in page.locator("#cijfers td").all_inner_texts()
    with page.expect_download() as dl:
        page.locator("#download-csv").click()
    csv_text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("Reeks;Kolom;Periode;Periodecode")
    assert len(lines) == 1 + len(ui_assistant.ask(FIGURE_Q).rows)
    # the figure's row, and the row of the half year it is compared with
    assert any("Eindtotaal" in ln and ";934;" in ln and "eerste helft 2018" in ln for ln in lines[1:])
    with page.expect_download() as dl:
        page.locator("#download-md").click()
    md = Path(dl.value.path()).read_text(encoding="utf-8")
    assert md.startswith("# Vraag") and "934" in md and title in md

    # the SQL is behind "Toon SQL", not in the answer
    assert "SELECT" not in card
    page.locator("#sql-accordion").get_by_text("Toon SQL").click()
    page.locator("#sql").get_by_text("SELECT", exact=False).first.wait_for()

    DOCS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(DOCS / "screenshot-chat.png"), full_page=True)

    # follow-up: the previous answer goes along as history; its marker still opens its own card
    follow = ask(page, "En in H2 2017?", n_answers=2)
    assert "930" in digits(follow), follow
    no_english(page, "Vragen")


@pytest.mark.browser
def test_other_municipality_upload_filter_examples_original_and_removal(page, ui_assistant, tmp_path):
    pdf = report_pdf(tmp_path / UPLOAD_NAME)

    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(pdf))
    page.locator("#upload").get_by_text(UPLOAD_NAME).first.wait_for(timeout=90_000)
    page.locator("#inlezen").click()
    page.locator("#inlees-resultaat li").first.wait_for(timeout=120_000)
    assert page.locator("#inlees-resultaat li.ingest-fout").count() == 0
    docs = page.locator("#documenten")
    docs.locator("strong", has_text=UPLOAD_TITLE).wait_for()
    row = docs.locator("tr", has_text=UPLOAD_TITLE)
    assert "Oudewater" in row.inner_text() and "1 tabel gelezen" in row.inner_text()
    assert "000_2e09650ff663accc" not in docs.inner_text()  # titles, not hashed file names
    open_link = row.get_by_role("link", name=re.compile("^Openen")).get_attribute("href")
    opened = page.request.get(page.url.rstrip("/") + open_link)
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
    assert opened.body()[:4] == b"%PDF"
    no_english(page, "Documenten")
    page.screenshot(path=str(DOCS / "screenshot-documents.png"), full_page=True)

    # the examples now include the new municipality, and they are answered
    page.get_by_role("tab", name="Vragen").click()
    first_example = page.locator("#voorbeeld-1")
    page.wait_for_function("() => (document.querySelector('#voorbeeld-1')?.innerText || '').includes('Oudewater')")
    example = first_example.inner_text()
    first_example.click()
    page.wait_for_function("() => document.querySelectorAll('#gesprek .message.bot .antwoord-kaart').length >= 1")
    assert page.locator("#gesprek .kerncijfer").count() == 1, example

    # the municipality filter scopes the same question
    choose(page, "filter-gemeente", "Oudewater")
    card = ask(page, FILTER_Q, n_answers=2)
    assert card.startswith("436 cliënten Jeugdwet"), card
    src = page.locator("#bronkaarten .bron-kaart").first
    assert src.locator(".bron-titel").inner_text() == UPLOAD_TITLE
    assert src.locator(".bron-plaats").inner_text().startswith("pagina 2")
    link = src.locator("a.bron-link")
    assert link.inner_text().startswith("Open het origineel op pagina 2")
    href = link.get_attribute("href")
    assert href == f"/originelen/{UPLOAD_NAME}#page=2"
    original = page.request.get(page.url.rstrip("/") + href.split("#")[0])
    assert original.status == 200 and original.body() == pdf.read_bytes()
    assert "inline" in original.headers["content-disposition"]
    row = page.locator("#bron-passage .bron-rij")
    assert "Cliënten Jeugdwet 412 436 451" in row.inner_text()
    assert "436" in row.locator("mark.bron-getal").all_inner_texts()

    choose(page, "filter-gemeente", "Lansingerland")
    other = ask(page, FILTER_Q, n_answers=3)
    assert other.startswith("1.408") and "Jeugdwet" in other.split("\n")[0] and "Lansingerland" in other, other

    # removal names the title and asks for confirmation
    page.get_by_role("tab", name="Documenten").click()
    choose(page, "verwijder-keuze", UPLOAD_TITLE)
    page.locator("#verwijder").click()
    question = page.locator("#verwijder-vraag")
    question.get_by_text(UPLOAD_TITLE).wait_for()
    page.locator("#verwijder-ja").click()
    page.locator("#verwijder-resultaat .ingest-ok").get_by_text(UPLOAD_TITLE).wait_for(timeout=60_000)
    page.wait_for_function(f"() => !document.querySelector('#documenten').innerText.includes({UPLOAD_TITLE!r})")
    assert ui_assistant.original_path(UPLOAD_NAME) is None


@pytest.mark.browser
def test_phone_width_commitments_and_keyboard(browser, app_url):
    ctx, pg = _page(browser, app_url, width=390, height=844)
    try:
        card = ask(pg, "Wat waren de totale lasten van programma 3 in 2017?")
        assert card.startswith("€ 34,0 miljoen"), card
        value = pg.locator("#cijfers td.kolom-waarde").last
        assert value.inner_text() == "€ 34,0 miljoen"
        box = value.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # the value column is on screen, whole
        assert pg.locator("#grafiek svg.smal").is_visible() and not pg.locator("#grafiek svg.breed").is_visible()
        assert pg.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), \
            "horizontal scrolling at 390 px"
        pg.evaluate("() => window.scrollTo(0, 0)")
        pg.screenshot(path=str(DOCS / "screenshot-chat-phone.png"), full_page=True)

        # keyboard: a source card opens with Enter; a toezegging answer has Dutch columns
        pg.locator("#bronkaarten button.bron-open").first.focus()
        pg.keyboard.press("Enter")
        pg.locator("#bron-passage .bron-rij").first.wait_for()
        ask(pg, "Wat houdt toezegging T2018-063 in?", n_answers=2)
        assert pg.locator("#cijfers th").all_inner_texts()[:2] == ["Nummer", "Toezegging"]
        no_english(pg, "Vragen (telefoon)")
        assert pg.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")

        pg.get_by_role("tab", name="Toezeggingen").click()
        pg.locator("#toezegging-zoek textarea, #toezegging-zoek input").first.fill("T2018-063")
        cell = pg.locator("#toezeggingen").get_by_text("T2018-063", exact=True).locator("visible=true").first
        cell.wait_for()
        cell.click()
        pg.locator("#toezegging-passage mark.bron-regel").first.wait_for()
        no_english(pg, "Toezeggingen")
    finally:
        ctx.close()


@pytest.mark.slow
def test_originals_route_honours_the_login_and_stays_in_its_folder(ui_assistant):
    import httpx

    from ui.app import build_app, launch

    app = build_app(ui_assistant)
    port = _free_port()
    launch(app, "127.0.0.1", port, auth=("raad", "geheim"), prevent_thread_lock=True)
    base = f"http://127.0.0.1:{port}"
    try:
        name = "000_2e09650ff663accc.txt"
        assert httpx.get(f"{base}/originelen/{name}").status_code == 401
        assert httpx.get(f"{base}/bronnen/{name}?van=1").status_code == 401
        with httpx.Client(base_url=base) as client:
            assert client.post("/login", data={"username": "raad", "password": "geheim"}).status_code == 200
            r = client.get(f"/originelen/{name}")
            assert r.status_code == 200 and r.text.startswith(" > Samenvatting")
            assert r.headers["content-type"].startswith("text/plain")
            assert client.get("/bronnen/" + name, params={"van": 640}).status_code == 200
            for bad in ("..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "assistant.duckdb", "onbekend.pdf"):
                assert client.get(f"/originelen/{bad}").status_code == 404, bad
    finally:
        app.close()


@pytest.mark.slow
def test_five_questions_at_once_through_gradio_client(app_url):
    from gradio_client import Client

    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def run(i: int, question: str) -> None:
        try:
            client = Client(app_url + "/", verbose=False)  # own client: own session, own history
            out = client.predict(question, [], "Alle gemeenten", "Alle jaren", api_name="/vraag")
            messages = out[1]
            content = messages[-1]["content"]
            results[i] = " ".join(c.get("text", "") for c in content) if isinstance(content, list) else content
        except BaseException as e:  # noqa: BLE001 - re-raised in the main thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i, q)) for i, (q, _) in enumerate(CONCURRENT)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not errors, errors
    for i, (question, expected) in enumerate(CONCURRENT):
        assert digits(expected) in digits(results.get(i, "")), (question, results.get(i))
