"""The web interface under hostile and failing conditions, in headless Debian Chromium.

HTML in a question stays text; a too large upload is stopped in the browser with a Dutch notice; an
upload or removal while another process writes gets a Dutch message. The app runs on the small
invented corpus; the other writer is a real process holding the write lock.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import free_port, make_settings, write_small_corpus

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from assistant.api import Assistant
    from ui.app import build_app, launch

    root = tmp_path_factory.mktemp("ui-guards")
    a = Assistant(make_settings(root / "data", max_upload_mb=1, write_wait_s=0.5))
    assert not any(r.failed for r in a.ingest([write_small_corpus(root / "corpus")]))
    a.warm_up()
    app = build_app(a)
    port = free_port()
    launch(app, "127.0.0.1", port, prevent_thread_lock=True, max_upload_mb=1)
    yield f"http://127.0.0.1:{port}/", a, root
    app.close()
    a.close()


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
    ctx = browser.new_context(viewport={"width": 1300, "height": 1100}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.goto(app_url[0])
    pg.locator("#vraag textarea").wait_for()
    yield pg
    ctx.close()


@pytest.fixture
def other_writer(app_url):
    """Another process holding the write lock, as a running ingest does."""
    data = app_url[1].settings.data_dir
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from assistant.storage.writelock import WriteLock
        assert WriteLock({str(data)!r}).try_acquire()
        print("ready", flush=True)
        sys.stdin.readline()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.kill()
    proc.wait()


def _ask(pg, question: str, n: int) -> str:
    pg.locator("#vraag textarea").fill(question)
    pg.locator("#verstuur").click()
    pg.wait_for_function(
        """n => { const b = document.querySelectorAll('#gesprek .message.bot');
                 return b.length >= n && document.querySelector('#vraag textarea').value === ''
                        && !b[b.length - 1].innerText.includes('Loading'); }""", arg=n, timeout=90_000)
    return pg.locator("#gesprek .message.bot").last.inner_text()


def test_html_and_script_in_questions_stay_text(page):
    hostile = [
        '<img src=x onerror="window.__gehackt=1"> Hoeveel gezinnen in Voorbeeldstad kregen schuldhulp?',
        "<script>window.__gehackt=2</script> Wat is de wachttijd voor schuldhulp in Voorbeeldstad?",
        '<a href="javascript:window.__gehackt=3">klik</a> <svg onload="window.__gehackt=4"></svg>',
    ]
    for i, q in enumerate(hostile, 1):
        answer = _ask(page, q, i)
        assert answer.strip()
    assert page.evaluate("() => window.__gehackt") is None
    chat = page.locator("#gesprek")
    assert chat.locator("img[src='x'], svg[onload], a[href^='javascript']").count() == 0
    assert "<img src=x" in chat.locator(".message.user").first.inner_text()
    assert "77" in chat.locator(".message.bot").first.inner_text()


def test_a_too_large_upload_is_stopped_with_a_dutch_notice(page, tmp_path):
    big = tmp_path / "groot-rapport.txt"
    big.write_bytes(b"Rapportage\n" + b"x" * (1024 * 1024 + 100))
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(big))
    notice = page.locator("#upload-te-groot")
    notice.wait_for()
    assert "‘groot-rapport.txt’ is groter dan 1 MB" in notice.inner_text()
    assert page.locator("#upload").get_by_text("groot-rapport.txt").count() == 0


def test_upload_and_remove_while_another_process_writes(page, tmp_path, other_writer):
    report = tmp_path / "nieuwdorp.txt"
    report.write_text("Rapportage Nieuwdorp 2020\n\nIn 2020 kregen 612 inwoners hulp.\n", encoding="utf-8")
    page.get_by_role("tab", name="Documenten").click()
    page.locator("#upload input[type=file]").set_input_files(str(report))
    page.locator("#upload").get_by_text("nieuwdorp.txt").first.wait_for()
    page.locator("#inlezen").click()
    failed = page.locator("#inlees-resultaat .ingest-fout")
    failed.first.wait_for(timeout=60_000)
    assert "Er wordt op dit moment al ingelezen of verwijderd" in failed.first.inner_text()
    assert f"PID {other_writer.pid}" in failed.first.inner_text()

    # the removal list shows titles, and asks for confirmation
    page.locator("#verwijder-keuze input").fill("Testdorp")
    page.get_by_role("option").filter(has_text="Testdorp").first.click()
    page.locator("#verwijder").click()
    page.locator("#verwijder-ja").click()
    toast = page.get_by_text("Er wordt op dit moment al ingelezen of verwijderd").last
    toast.wait_for(timeout=60_000)
    assert "2 ingelezen rapportages" in page.locator("#documenten").inner_text()  # nothing was removed
