"""CSS and the few bits of JavaScript the interface needs (Gradio 6 takes css/head at launch)."""

from __future__ import annotations

# In <head>, before Gradio's own scripts: the interface speaks Dutch whatever the browser's language
# (Gradio picks its translations from navigator.language), and chat messages get Dutch screen-reader
# labels instead of Gradio's "bot's message: <html>".
HEAD = """<script>
(function () {
  try {
    Object.defineProperty(Navigator.prototype, 'language', {get: function () { return 'nl-NL'; }, configurable: true});
    Object.defineProperty(Navigator.prototype, 'languages', {get: function () { return ['nl-NL', 'nl']; }, configurable: true});
  } catch (e) {}
  document.documentElement.lang = 'nl';
  function label(el) {
    var who = el.getAttribute('data-testid') === 'user' ? 'Uw vraag: ' : 'Antwoord: ';
    var want = who + (el.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 400);
    if (el.getAttribute('aria-label') !== want) el.setAttribute('aria-label', want);
  }
  function fix() {
    document.querySelectorAll('#gesprek [data-testid="bot"], #gesprek [data-testid="user"]').forEach(label);
  }
  new MutationObserver(function () { window.requestAnimationFrame(fix); })
    .observe(document.documentElement, {subtree: true, childList: true, characterData: true});
})();
</script>"""

# js_on_load of the source cards: [n] markers in the chat and the cards themselves open a card.
# One document-level listener (capture phase, so the chatbot's own click handling never sees it).
SOURCES_JS = """
window.__bronTrigger = trigger;
if (!window.__bronKlik) {
  window.__bronKlik = true;
  document.addEventListener('click', function (ev) {
    var el = ev.target.closest('a.bron-ref, button.bron-open');
    if (!el) return;
    var antwoord, bron;
    if (el.matches('a.bron-ref')) {
      var m = (el.getAttribute('href') || '').match(/^#bron-(\\d+)-(\\d+)$/);
      if (!m) return;
      antwoord = +m[1]; bron = +m[2];
    } else {
      antwoord = +el.dataset.antwoord; bron = +el.dataset.bron;
    }
    ev.preventDefault();
    ev.stopPropagation();
    window.__bronOpened = el.matches('a.bron-ref') ? 'marker' : 'kaart';
    window.__bronTrigger('click', {antwoord: antwoord, bron: bron});
  }, true);
}
"""

# After a passage is shown: scroll its box (not the page) to the first marked line.
SCROLL_TO_MARK = """() => { setTimeout(() => {
  for (const box of document.querySelectorAll('.bron-tekst')) {
    const m = box.querySelector('mark.bron-regel');
    if (m) { box.scrollTop = m.closest('.bron-lijn').offsetTop - box.offsetTop - 40; }
  } }, 60); }"""

# After a card was opened: bring the card into view and give it the keyboard focus.
FOCUS_CARD = """() => { setTimeout(() => {
  for (const box of document.querySelectorAll('.bron-tekst')) {
    const m = box.querySelector('mark.bron-regel');
    if (m) { box.scrollTop = m.closest('.bron-lijn').offsetTop - box.offsetTop - 40; }
  }
  const card = document.querySelector('#bronkaarten .bron-kaart.actief');
  if (card) {
    card.scrollIntoView({block: 'nearest'});
    const b = card.querySelector('button.bron-open');
    if (b) b.focus({preventScroll: true});
  } }, 60); }"""

CSS = """
.sr-alleen { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.gradio-container { max-width: 1400px !important; }

/* answer card */
.antwoord-kaart .kerncijfer { font-size: 1.15rem; line-height: 1.35; margin: 0 0 6px; }
.antwoord-kaart .kerncijfer .getal { font-size: 1.9rem; font-weight: 700; margin-right: 4px; }
.antwoord-kaart .context, .antwoord-kaart .afleiding { margin: 0 0 6px; }
.antwoord-kaart .afleiding { font-variant-numeric: tabular-nums; color: #333; }
.antwoord-kaart .citaat { margin: 0 0 8px; }
a.bron-ref { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 8px; padding: 0 3px;
  background: #e8efff; color: #0b3d91 !important; text-decoration: none; font-size: .85em; font-weight: 600; }
a.bron-ref:hover, a.bron-ref:focus-visible { background: #c9d8ff; outline: 2px solid #0b57d0; }

/* source cards */
.bron-kop-lijst { font-weight: 600; margin: 0 0 6px; }
ol.bronkaarten { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.bron-kaart { border: 1px solid #d0d7e2; border-radius: 10px; background: #fff; overflow: hidden; }
.bron-kaart.actief { border-color: #0b57d0; box-shadow: 0 0 0 1px #0b57d0; }
button.bron-open { all: unset; box-sizing: border-box; display: flex; gap: 10px; width: 100%; padding: 8px 10px;
  cursor: pointer; text-align: left; }
button.bron-open:focus-visible { outline: 3px solid #0b57d0; outline-offset: -3px; }
.bron-nr { flex: none; width: 1.6em; height: 1.6em; border-radius: 50%; background: #0b57d0; color: #fff;
  display: inline-flex; align-items: center; justify-content: center; font-size: .8rem; font-weight: 700; }
.bron-inhoud { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.bron-titel { font-weight: 600; overflow-wrap: anywhere; white-space: normal; }
.bron-plaats { color: #4a4a4a; font-size: .85rem; overflow-wrap: anywhere; }
.bron-citaat { font-size: .9rem; color: #1b1b1b; overflow-wrap: anywhere; white-space: normal; }
a.bron-link { display: inline-block; margin: 0 10px 8px 46px; font-size: .85rem; color: #0b57d0; }
mark.bron-getal { background: #ffd84d; font-weight: 700; padding: 0 2px; border-radius: 3px; }
.bron-leeg { color: #666; font-style: italic; }

/* passage view */
.bron-passage { font-size: .92rem; }
.bron-passage .bron-kop { display: flex; gap: 8px; align-items: flex-start; margin-bottom: 6px; }
.tabelkop { border: 1px solid #d0d7e2; border-bottom: none; border-radius: 6px 6px 0 0; background: #f3f6fb;
  padding: 4px 6px; }
.tabelkop-titel { display: block; font-size: .75rem; color: #555; text-transform: uppercase; letter-spacing: .03em; }
.bron-tekst { max-height: 420px; overflow-y: auto; border: 1px solid #d0d7e2; border-radius: 6px; padding: 6px; }
.tabelkop + .bron-tekst { border-radius: 0 0 6px 6px; }
.bron-lijn { display: flex; gap: 8px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
.bron-rij { background: #fff6c8; }
.regelnr { color: #767676; min-width: 2.8em; text-align: right; user-select: none; flex: none; }
mark.bron-regel { background: transparent; color: inherit; }

/* chart and table */
.grafiek { margin: 0; }
.grafiek-kop { font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
.grafiek-eenheid { font-weight: 400; color: #555; }
.grafiek-svg { width: 100%; height: auto; max-height: 340px; display: block; }
.grafiek-svg.smal { display: none; }
.grafiek-svg text { font-size: 12px; fill: #333; font-family: system-ui, sans-serif; }
.grafiek-svg .as-titel { font-size: 12px; fill: #555; }
.grafiek-svg .raster { stroke: #e3e6eb; stroke-width: 1; }
.grafiek-svg .reeks { stroke-width: 2.5; }
ul.legenda { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 4px 14px;
  font-size: .85rem; }
.legenda-lijn { display: inline-block; width: 18px; border-top: 3px solid; margin-right: 6px; vertical-align: middle; }
.cijfertabel-houder { max-width: 100%; overflow-x: auto; }
table.cijfertabel { border-collapse: collapse; width: 100%; font-family: inherit; font-size: .92rem; }
table.cijfertabel caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
table.cijfertabel th, table.cijfertabel td { border-bottom: 1px solid #e3e6eb; padding: 4px 6px; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
table.cijfertabel th { white-space: nowrap; }
table.cijfertabel .kolom-waarde { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;
  font-weight: 600; }

/* documents */
.document-waarschuwing { color: #8a4b00; font-weight: 600; }
.ingest-resultaten { list-style: none; padding-left: 0; }
.ingest-ok { color: #1a6b2f; }
.ingest-fout { color: #b00020; font-weight: 600; }
#verwijder-bevestiging { border: 2px solid #b00020; border-radius: 8px; padding: 8px; }

@media (max-width: 480px) {
  .grafiek-svg.breed { display: none; }
  .grafiek-svg.smal { display: block; max-height: none; }
  .antwoord-kaart .kerncijfer .getal { font-size: 1.6rem; }
  .smal-verbergen { display: none; }
  table.cijfertabel th { white-space: normal; }
  table.cijfertabel th, table.cijfertabel td { padding: 4px 3px; }
  a.bron-link { margin-left: 10px; }
  table.documententabel thead { display: none; }
  table.documententabel tr { display: block; border-bottom: 1px solid #d0d7e2; padding: 6px 0; }
  table.documententabel td { display: block; border: none; padding: 1px 4px; }
  table.documententabel td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  .bron-tekst { max-height: 320px; }
}
"""
