"""The Gradio UI end to end: real store from corpus/, real app on loopback, headless Debian Chromium.

Own store (not tests/conftest.py's): the upload test adds a report, which other suites must not see.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "screenshot-chat.png"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

FIGURE_Q = "Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?"
UPLOAD_NAME = "jaarverslag_testdorp_2019.pdf"
# Worded as a text question: the engine answers "hoeveel" questions from extracted figures only, and
# this report states its number in prose.
UPLOAD_Q = "Wat staat er in het jaarverslag van Testdorp over scootmobielen?"

# Questions sent at once through gradio_client, with a number the answer must contain.
# The set depends on the answering engine: only questions it answers correctly are kept here.
CONCURRENT = [
    ("Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?", "934"),
    ("Hoeveel cliënten had de Participatiewet in H1 2018?", "839"),
    ("Wat waren de totale lasten van programma 3 in 2017?", "33.976"),
    ("Hoeveel meldingen kreeg Veilig Thuis uit Zwijndrecht in 2016?", "341"),
    ("Hoeveel mantelzorgers ondersteunde het Steunpunt Mantelzorg in H1 2018?", "650"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui_assistant(tmp_path_factory) -> Iterator:
    """An Assistant over the bundled corpus in a fresh data dir (ingest ~1–2 min on a cold cache)."""
    from assistant.settings import get_settings

    old = os.environ.get("ASSISTANT_DATA_DIR")
    os.environ["ASSISTANT_DATA_DIR"] = str(tmp_path_factory.mktemp("ui-store"))
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    get_settings.cache_clear()
    from assistant.api import Assistant

    a = Assistant()
    results = a.ingest()
    assert results and not all(r.failed for r in results), [r.message for r in results]
    a.warm_up()
    yield a
    a.close()
    if old is None:
        os.environ.pop("ASSISTANT_DATA_DIR", None)
    else:
        os.environ["ASSISTANT_DATA_DIR"] = old
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def app_url(ui_assistant) -> Iterator[str]:
    from ui.app import build_app, launch

    app = build_app(ui_assistant)
    port = _free_port()
    launch(app, "127.0.0.1", port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/"
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


@pytest.fixture
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1250}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app_url)
    pg.locator("#vraag textarea").wait_for()
    yield pg
    ctx.close()


def ask(pg, question: str, n_answers: int = 1) -> str:
    """Types a question, sends it, returns the text of the newest bot message."""
    pg.locator("#vraag textarea").fill(question)
    pg.locator("#verstuur").click()
    bots = pg.locator("#gesprek .message.bot")
    # The box is cleared in the same update that adds the answer; until then a bot message may be a
    # "Loading content" placeholder.
    pg.wait_for_function(
        """n => { const b = document.querySelectorAll('#gesprek .message.bot');
                 return b.length >= n && document.querySelector('#vraag textarea').value === ''
                        && !b[b.length - 1].innerText.includes('Loading'); }""",
        arg=n_answers, timeout=90_000)
    return bots.last.inner_text()


def digits(text: str) -> str:
    """'4.321' and '4321' alike: Dutch thousands separators removed."""
    return re.sub(r"(?<=\d)\.(?=\d{3}\b)", "", text)


@pytest.mark.browser
def test_figure_question_shows_answer_sources_table_chart(page):
    answer = ask(page, FIGURE_Q)
    assert "934" in digits(answer), answer
    chip = page.locator("#bron-chip-1")
    chip.wait_for(state="visible")
    assert re.match(r"\[1\] ", chip.inner_text())

    chip.click()
    marked = page.locator("#bron-passage mark.bron-regel")
    marked.first.wait_for()
    head = page.locator("#bron-passage .bron-kop").inner_text()
    assert re.search(r"regels? \d+", head), head
    assert "934" in digits(" ".join(marked.all_inner_texts())) or marked.count() >= 1

    page.locator("#cijfers").wait_for(state="visible")
    assert "934" in digits(page.locator("#cijfers").inner_text())
    # The chart is shown when the answer has a series over several periods.
    if page.locator("#grafiek").is_visible():
        page.wait_for_timeout(800)  # let Vega finish drawing before the screenshot
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Follow-up: the previous answer goes along as history, so "en in H2 2017?" means the same figure.
    follow = ask(page, "En in H2 2017?", n_answers=2)
    assert "930" in digits(follow), follow


@pytest.mark.browser
def test_commitments_tab_lists_and_opens_a_commitment(page):
    page.get_by_role("tab", name="Toezeggingen").click()
    page.locator("#toezegging-zoek textarea, #toezegging-zoek input").first.fill("T2018-063")
    cell = page.locator("#toezeggingen").get_by_text("T2018-063", exact=True).locator("visible=true").first
    cell.wait_for()
    cell.click()
    page.locator("#toezegging-passage mark.bron-regel").first.wait_for()
    assert page.locator("#toezegging-passage .bron-titel").inner_text().strip()


@pytest.mark.browser
def test_upload_pdf_then_ask_about_it(page, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Jaarverslag sociaal domein Testdorp 2019", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for para in [
        "Gemeente Testdorp. Dit jaarverslag beschrijft de uitvoering van de Wmo in 2019.",
        "Hulpmiddelen. In 2019 ontvingen 4321 inwoners van Testdorp een scootmobiel. "
        "Het aantal aanvragen voor een scootmobiel steeg daarmee ten opzichte van eerdere jaren.",
        "De gemeente Testdorp blijft inzetten op zelfstandig wonen van ouderen.",
    ]:
        pdf.multi_cell(0, 7, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    path = tmp_path / UPLOAD_NAME
    pdf.output(str(path))

    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.locator("#upload").get_by_text(UPLOAD_NAME).first.wait_for()
    page.locator("#inlezen").click()
    result = page.locator("#inlees-resultaat li")
    result.first.wait_for(timeout=120_000)
    assert page.locator("#inlees-resultaat li.ingest-fout").count() == 0, result.all_inner_texts()
    assert UPLOAD_NAME in page.locator("#documenten").inner_text()

    page.get_by_role("tab", name="Vragen").click()
    answer = ask(page, UPLOAD_Q)
    assert "4321" in digits(answer), answer
    page.locator("#bron-chip-1").wait_for(state="visible")
    assert not page.locator("#bron-chip-1").inner_text().startswith("Misschien"), "answer was refused"
    chips = page.locator(".bron-chip").locator("visible=true")
    for i in range(chips.count()):
        chips.nth(i).click()
        page.locator("#bron-passage mark.bron-regel").first.wait_for()
        if UPLOAD_NAME in page.locator("#bron-passage").inner_text():
            break
    else:
        pytest.fail("no source chip cites the uploaded report")

    # Removal through the UI also keeps the shared store as the other tests expect it.
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#verwijder-keuze input").fill(UPLOAD_NAME)
    page.get_by_role("option", name=UPLOAD_NAME).click()
    page.locator("#verwijder").click()
    page.locator("#verwijder-resultaat .ingest-ok").wait_for(timeout=60_000)
    page.wait_for_function(f"() => !document.querySelector('#documenten').innerText.includes('{UPLOAD_NAME}')")


@pytest.mark.slow
def test_five_questions_at_once_through_gradio_client(app_url):
    from gradio_client import Client

    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def run(i: int, question: str) -> None:
        try:
            client = Client(app_url, verbose=False)  # own client: own session, own history
            _, messages, *_ = client.predict(question, [], api_name="/vraag")
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
