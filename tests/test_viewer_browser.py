"""The web viewer in a real headless Chromium (Debian's chromium + chromedriver, Selenium).

The real app runs under uvicorn on 127.0.0.1 over a store holding the aligned sample
corpus; the pages load with no console errors, search shows KWIC lines with the aligned
sentence, the document page lines editions up along the alignment with turns and
low-confidence links, hovering a sentence highlights its counterparts, and corrections made
in the page reach the store. Screenshots go to ``test-artifacts/`` for a person to look at.

Without chromium the tests are skipped with the reason, except in CI (``CI=true``), where
that is a failure: ``make system-deps`` installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from alinea.corpus.aligned_pairs import load_alignment
from alinea.corpus.store import Store

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
TOKEN = "viewer-token"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# Flags for a root user in a container, and nothing that reaches out to the network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1400,1000"]
ADDED = "Помогать соотечественникам – наша прямая обязанность."


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must have it: make system-deps installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path
           ) -> Iterator[tuple[str, str]]:
    """(base URL, store URL) of the app under uvicorn on the aligned sample corpus."""
    import uvicorn
    from conftest import fill_corpus

    from alinea.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('viewer') / 'viewer.db'}"
    fill_corpus(url, sorted(examples_dir.glob("*.txt")))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url, TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", url
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        _missing(f"chromium or chromedriver not installed ({CHROMIUM}, {CHROMEDRIVER})")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[test]')")
    # The driver is given by path, so Selenium Manager has nothing to fetch; offline anyway.
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def ids(server) -> dict[str, int]:
    with Store.open(server[1]) as store:
        return {d.doc_key: d.id for d in store.list_documents(limit=100).documents}


# ---------------------------------------------------------------- helpers


def console_errors(driver) -> list[str]:
    """Errors the page logged since the last call (console.error, failed loads, JS errors)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE"]


def open_page(driver, url: str, timeout: float = 60) -> None:
    """Load a viewer page and wait until its script says it is ready."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.dataset.ready") == "true")


def wait_for(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: condition(d))


def click(driver, element) -> None:
    """Click ``element`` after scrolling it to mid-screen, clear of the sticky bars."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def screenshot(driver, name: str) -> None:
    driver.save_screenshot(str(ARTIFACTS / name))


def corrected_by(store_url: str, a: int, b: int) -> set[str | None]:
    with Store.open(store_url) as store:
        return {sl.corrected_by for sl in load_alignment(store, a, b).stored.links
                if sl.origin == "manual"}


def stored_links(store_url: str, a: int, b: int) -> list[tuple[tuple, tuple, str, float]]:
    with Store.open(store_url) as store:
        alignment = load_alignment(store, a, b)
        out = []
        for sl in alignment.stored.links:
            src, tgt = sl.link.src, sl.link.tgt
            if alignment.flipped:
                src, tgt = tgt, src
            out.append((tuple(src), tuple(tgt), sl.origin, sl.link.confidence))
        return out


def api_pairs(base: str, a: int, b: int) -> list[dict]:
    import httpx

    return httpx.get(f"{base}/alignments/{a}/{b}").json()["pairs"]


# ---------------------------------------------------------------- pages


def test_corpus_page_lists_each_text_with_its_editions(browser, server):
    import httpx

    open_page(browser, f"{server[0]}/viewer/")
    rows = css(browser, "#documents tbody tr")
    editions = sorted(len(row.find_elements("css selector", "a.lang")) for row in rows)
    assert editions == [2, 2, 2, 5]
    assert "4 texts, 11 editions" in css(browser, "#doc-status")[0].text
    stats = httpx.get(f"{server[0]}/stats").json()
    assert css(browser, "#stats")[0].text == (
        "11 documents in 5 languages: de, en, es, fr, ru · 13 of 13 edition pairs aligned · "
        f"{stats['links']} links ({stats['corrected_links']} corrected by hand), "
        f"mean confidence {stats['mean_confidence']:.2f}")
    screenshot(browser, "viewer-corpus.png")
    # filters: one language, one kind
    form = css(browser, "#filters")[0]
    form.find_element("css selector", "select[name=lang] option[value=de]").click()
    click(browser, form.find_element("css selector", "button[type=submit]"))
    wait_for(browser, lambda d: "1 text," in css(d, "#doc-status")[0].text)
    assert [a.text for a in css(browser, "#documents tbody a.lang")] == ["de"]
    form.find_element("css selector", "select[name=lang] option[value='']").click()
    form.find_element("css selector", "select[name=kind] option[value=speech]").click()
    click(browser, form.find_element("css selector", "button[type=submit]"))
    wait_for(browser, lambda d: "1 text, 2 editions" in css(d, "#doc-status")[0].text)
    assert "speech" in css(browser, "#documents tbody tr")[0].text
    assert console_errors(browser) == []


def test_search_shows_kwic_lines_with_the_aligned_sentence(browser, server):
    import httpx

    open_page(browser, f"{server[0]}/viewer/")
    form = css(browser, "#search")[0]
    form.find_element("name", "q").send_keys("treaty")
    form.find_element("css selector", "select[name=target] option[value=ru]").click()
    click(browser, form.find_element("css selector", "button[type=submit]"))
    wait_for(browser, lambda d: "matching sentence" in css(d, "#kwic-status")[0].text)
    rows = css(browser, "#kwic tbody tr")
    expected = httpx.get(f"{server[0]}/concordance",
                         params={"q": "treaty", "target": "ru", "limit": 50}).json()["items"]
    assert len(rows) == len(expected) > 0
    for row, line in zip(rows, expected):
        assert row.find_element("css selector", "td.match").text.lower() == "treaty"
        aligned = row.find_element("css selector", "td.aligned").text
        assert aligned.startswith("ru") and line["aligned"][0]["text"] in aligned
    assert "q=treaty" in browser.current_url
    screenshot(browser, "viewer-search.png")
    assert console_errors(browser) == []


def test_document_page_lines_up_editions_with_turns_and_low_confidence_links(
        browser, server, ids):
    base = server[0]
    en, ru, de = (ids[f"interview-river-treaty.{lang}"] for lang in ("en", "ru", "de"))
    open_page(browser, f"{base}/viewer/document.html?id={en}&with={ru},{de}")
    heads = [h.text for h in css(browser, "#parallel thead th")]
    assert len(heads) == 4 and "en" in heads[1] and "ru" in heads[2] and "de" in heads[3]
    # every sentence of every edition shown exactly once, in its own column
    for doc in (en, ru, de):
        n = len(api_sentences(base, doc))
        shown = [int(s.get_attribute("data-pos")) for s in css(browser, f".s[data-doc='{doc}']")]
        assert sorted(shown) == list(range(n)), doc
    # one header row per speaker turn, naming the speaker in each column
    turns = [t for t in api_turns(base, en) if t["end"] > t["start"]]
    headers = css(browser, "#parallel tr.turn")
    assert len(headers) == len(turns)
    assert headers[0].text.split("\n")[0].startswith("Question")
    assert "Вопрос" in headers[0].text and "Frage" in headers[0].text
    assert "Anna Petrova" in headers[1].text and "А.В.Петрова" in headers[1].text
    # the aligner that made each edition's links is named; its signature is folded away
    for note in css(browser, "#parallel thead details.sig"):
        assert note.get_attribute("open") is None
        assert note.find_element("css selector", "summary").text.startswith("aligned by alinea ")
        click(browser, note.find_element("css selector", "summary"))
        assert note.get_attribute("open") is not None and "|beads:" in note.text
    assert len(css(browser, "#parallel thead details.sig")) == 2
    # low-confidence links are marked, as the threshold says; the second threshold sits
    # just above the lowest confidence, so at least one link is marked whatever the
    # aligner's calibration
    confidences = [p["confidence"] for other in (ru, de) for p in api_pairs(base, en, other)]
    for threshold in ("0.5", f"{min(confidences) + 0.0005:.4f}"):
        field = css(browser, "#threshold")[0]
        field.clear()
        field.send_keys(threshold)
        expected = sum(1 for other in (ru, de) for p in api_pairs(base, en, other)
                       if p["confidence"] < float(threshold))
        assert len(css(browser, ".bead.low")) == expected
        assert len(css(browser, ".bead.low .badge.low")) == expected
    assert expected > 0
    screenshot(browser, "viewer-document.png")
    low = css(browser, ".bead.low")[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", low)
    screenshot(browser, "viewer-document-low-confidence.png")
    assert console_errors(browser) == []


def api_sentences(base: str, doc: int) -> list[dict]:
    import httpx

    return httpx.get(f"{base}/documents/{doc}/sentences").json()["items"]


def api_turns(base: str, doc: int) -> list[dict]:
    import httpx

    return httpx.get(f"{base}/documents/{doc}/turns").json()["items"]


def test_hovering_a_sentence_highlights_its_counterparts(browser, server, ids):
    from selenium.webdriver.common.action_chains import ActionChains

    base = server[0]
    en, ru, de = (ids[f"interview-river-treaty.{lang}"] for lang in ("en", "ru", "de"))
    open_page(browser, f"{base}/viewer/document.html?id={en}&with={ru},{de}")
    ru_pairs = api_pairs(base, en, ru)
    de_pairs = api_pairs(base, en, de)
    # an English sentence in a 1-1 link with Russian
    pair = next(p for p in ru_pairs if p["kind"] == "1-1")
    i = pair["src"]["positions"][0]
    sentence = css(browser, f"#s-{en}-{i}")[0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
    ActionChains(browser).move_to_element(sentence).perform()
    lit = {s.get_attribute("id") for s in css(browser, ".s.hl")}
    expected = {f"s-{en}-{i}"} | {f"s-{ru}-{j}" for j in pair["tgt"]["positions"]}
    expected |= {f"s-{de}-{j}" for p in de_pairs if i in p["src"]["positions"]
                 for j in p["tgt"]["positions"]}
    assert lit == expected
    # and from the Russian side back to English (and on to German)
    j = pair["tgt"]["positions"][0]
    ActionChains(browser).move_to_element(css(browser, f"#s-{ru}-{j}")[0]).perform()
    assert f"s-{en}-{i}" in {s.get_attribute("id") for s in css(browser, ".s.hl")}
    # a click pins it and lists its counterparts in every language, from the API
    click(browser, sentence)
    wait_for(browser, lambda d: len(css(d, "#detail-body li")) > 0)
    langs = [li.text.split()[0] for li in css(browser, "#detail-body li")]
    assert sorted(langs) == ["de", "es", "fr", "ru"]
    assert {s.get_attribute("id") for s in css(browser, ".s.pinned")} == expected
    screenshot(browser, "viewer-document-highlight.png")
    assert console_errors(browser) == []


def _set_token(browser) -> None:
    box = css(browser, "header.top form.token")[0]
    box.find_element("css selector", "input[type=password]").send_keys(TOKEN)
    box.find_element("css selector", "button").click()
    wait_for(browser, lambda d: d.find_element("id", "editbar").is_displayed())


def _pick(browser, ed: int, src: tuple, tgt: tuple) -> None:
    """Select the link src-tgt of edition ``ed`` with its "select" button."""
    for bead in css(browser, f".bead[data-ed='{ed}']"):
        spans = bead.find_elements("css selector", ".s")
        if tuple(int(s.get_attribute("data-pos")) for s in spans) == tgt:
            click(browser, bead.find_element("css selector", "button.pick"))
            return
    raise AssertionError(f"no link with target sentences {tgt} on the page")


def _saved(browser, text: str) -> None:
    wait_for(browser, lambda d: text in css(d, "#status")[0].text
             or "refused" in css(d, "#status")[0].text)
    assert text in css(browser, "#status")[0].text


def test_corrections_made_in_the_page_reach_the_store(browser, server, ids):
    base, store_url = server
    en, ru = ids["speech-arctic-forum.en"], ids["speech-arctic-forum.ru"]
    open_page(browser, f"{base}/viewer/document.html?id={en}&with={ru}")
    _set_token(browser)
    before = stored_links(store_url, en, ru)
    ones = [k for k, (s, t, _, _) in enumerate(before) if len(s) == 1 and len(t) == 1]
    k = next(k for k in ones if k + 1 in ones)
    first, second = before[k], before[k + 1]

    # merge two consecutive links
    css(browser, "#edit-by")[0].send_keys("Linguist One")
    _pick(browser, ru, first[0], first[1])
    _pick(browser, ru, second[0], second[1])
    click(browser, css(browser, "#do-merge")[0])
    _saved(browser, "Merged 2 links into one")
    merged = (first[0] + second[0], first[1] + second[1])
    after = stored_links(store_url, en, ru)
    assert after[k][:3] == (*merged, "manual") and after[k][3] == 1.0
    assert after[:k] == before[:k] and after[k + 1:] == before[k + 2:]
    assert corrected_by(store_url, en, ru) == {"Linguist One"}
    screenshot(browser, "viewer-correction-merged.png")

    # split it back where it was
    _pick(browser, ru, merged[0], merged[1])
    click(browser, css(browser, "#do-split")[0])
    form = css(browser, "#splitform")[0]
    form.find_element("css selector", "select[name=src] option[value='1']").click()
    form.find_element("css selector", "select[name=tgt] option[value='1']").click()
    click(browser, form.find_element("css selector", "button[type=submit]"))
    _saved(browser, "Split the link in two")
    after = stored_links(store_url, en, ru)
    assert [(s, t) for s, t, _, _ in after] == [(s, t) for s, t, _, _ in before]
    assert after[k][2] == after[k + 1][2] == "manual"

    # re-link: the first English sentence of the pair with the second Russian one
    _pick(browser, ru, after[k][0], after[k][1])
    click(browser, css(browser, "#do-relink")[0])
    click(browser, css(browser, f"#s-{ru}-{first[1][0]}")[0])   # drop its own counterpart
    click(browser, css(browser, f"#s-{ru}-{second[1][0]}")[0])  # take the next one
    click(browser, css(browser, "#relink-save")[0])
    _saved(browser, "Linked en")
    after = stored_links(store_url, en, ru)
    assert (first[0], second[1], "manual", 1.0) in after
    assert sorted(i for s, _, _, _ in after for i in s) == \
        sorted(i for s, _, _, _ in before for i in s)
    assert sorted(j for _, t, _, _ in after for j in t) == \
        sorted(j for _, t, _, _ in before for j in t)

    # mark the weakest automatic link as checked: it stops being marked low
    field = css(browser, "#threshold")[0]
    weakest = min((l for l in after if l[2] == "auto" and l[1]), key=lambda l: l[3])
    field.clear()
    field.send_keys(str(round(weakest[3] + 0.01, 2)))
    assert len(css(browser, ".bead.low")) >= 1
    _pick(browser, ru, weakest[0], weakest[1])
    screenshot(browser, "viewer-correction-selected.png")
    click(browser, css(browser, "#do-check")[0])
    _saved(browser, "Marked 1 link as checked")
    checked = next(l for l in stored_links(store_url, en, ru) if l[:2] == weakest[:2])
    assert checked[2:] == ("manual", 1.0)
    screenshot(browser, "viewer-correction-checked.png")
    assert console_errors(browser) == []


def test_undo_in_the_page_walks_back_through_the_corrections(browser, server, ids):
    base, store_url = server
    en, ru = ids["speech-arctic-forum.en"], ids["speech-arctic-forum.ru"]
    open_page(browser, f"{base}/viewer/document.html?id={en}&with={ru}")
    if not browser.find_element("id", "editbar").is_displayed():
        _set_token(browser)
    undo = css(browser, "#do-undo")[0]
    assert undo.is_displayed() and undo.text == "Undo last correction"
    before = stored_links(store_url, en, ru)

    # check an automatic link, then undo it: it is back with its confidence
    link = next(l for l in before if l[2] == "auto" and l[0] and l[1])
    _pick(browser, ru, link[0], link[1])
    click(browser, css(browser, "#do-check")[0])
    _saved(browser, "Marked 1 link as checked")
    assert stored_links(store_url, en, ru) != before
    click(browser, undo)
    _saved(browser, "1 link back as it was")
    assert stored_links(store_url, en, ru) == before
    bead = next(b for b in css(browser, f".bead[data-ed='{ru}']")
                if tuple(int(s.get_attribute("data-pos"))
                         for s in b.find_elements("css selector", ".s")) == link[1])
    assert bead.find_elements("css selector", ".badge.manual") == []
    screenshot(browser, "viewer-correction-undone.png")

    # again and again: back through every correction made earlier, to the aligner's links
    with Store.open(store_url) as store:
        history = load_alignment(store, en, ru).stored
        earlier = [c.id for c in store.corrections(history.src_document_id,
                                                   history.tgt_document_id) if c.in_effect]
    for correction in earlier:
        click(browser, undo)
        _saved(browser, f"Undid correction #{correction}")
    assert {origin for _, _, origin, _ in stored_links(store_url, en, ru)} == {"auto"}
    assert console_errors(browser) == []
    click(browser, undo)
    wait_for(browser, lambda d: "refused" in css(d, "#status")[0].text)
    assert css(browser, "#status")[0].text.startswith("Undo refused: nothing to undo: ")
    # The browser logs the refusal (409) as a failed load; nothing else went wrong.
    assert [e for e in console_errors(browser) if "/undo - " not in e or "409" not in e] == []


def test_links_corrected_by_hand_are_handed_back_to_the_aligner_from_the_page(browser, server,
                                                                            ids):
    base, store_url = server
    en, ru = ids["speech-arctic-forum.en"], ids["speech-arctic-forum.ru"]
    open_page(browser, f"{base}/viewer/document.html?id={en}&with={ru}")
    if not browser.find_element("id", "editbar").is_displayed():
        _set_token(browser)
    release = css(browser, "#do-release")[0]
    before = stored_links(store_url, en, ru)
    link = next(l for l in before if l[2] == "auto" and len(l[0]) == len(l[1]) == 1)
    _pick(browser, ru, link[0], link[1])
    assert not release.is_enabled()  # the aligner's own link: nothing to hand back
    click(browser, css(browser, "#do-check")[0])
    _saved(browser, "Marked 1 link as checked")
    _pick(browser, ru, link[0], link[1])
    assert release.is_enabled()
    click(browser, release)
    _saved(browser, "Handed 1 link back to the aligner")
    after = next(l for l in stored_links(store_url, en, ru) if l[:2] == link[:2])
    assert after[2] == "auto"
    assert [l[:2] for l in stored_links(store_url, en, ru)] == [l[:2] for l in before]
    assert console_errors(browser) == []


def test_compare_page_shows_omissions_additions_and_figures(browser, server, ids):
    import httpx

    base = server[0]
    en, ru = ids["answer-consular-students.en"], ids["answer-consular-students.ru"]
    open_page(browser, f"{base}/viewer/compare.html?a={en}&b={ru}")
    additions = [li.text for li in css(browser, "#additions li")]
    assert len(additions) == 1 and ADDED in additions[0]
    assert [li.text for li in css(browser, "#omissions li")] == ["none"]
    counts = httpx.get(f"{base}/compare", params={"a": en, "b": ru}).json()["counts"]
    cards = {c.get_attribute("data-what"): c.find_element("css selector", ".n").text
             for c in css(browser, "#cards .card")}
    assert cards == {"links": str(counts["links"]), "omissions": "0", "additions": "1",
                     "length outliers": str(counts["length_outliers"]),
                     "far apart": str(counts["low_similarity"])}
    assert "stored alignment" in css(browser, "#about")[0].text
    screenshot(browser, "viewer-compare.png")
    # another pair, chosen in the form
    de, es = ids["interview-river-treaty.de"], ids["interview-river-treaty.es"]
    form = css(browser, "#pick")[0]
    form.find_element("css selector", f"select[name=a] option[value='{de}']").click()
    form.find_element("css selector", f"select[name=b] option[value='{es}']").click()
    click(browser, form.find_element("css selector", "button[type=submit]"))
    wait_for(browser, lambda d: "es" in css(d, "#heading")[0].text.split()
             and d.find_element("id", "report").is_displayed(), timeout=60)
    assert f"a={de}&b={es}" in browser.current_url
    assert css(browser, "#metrics .card") == []  # BLEU/chrF only within one language
    assert any("reference translation in es" in p.text for p in css(browser, "#notes p"))
    assert console_errors(browser) == []


def test_compare_page_offers_another_edition_of_the_same_text(browser, server, ids):
    import httpx

    base = server[0]
    groups = {d["id"]: d["edition_group_id"]
              for d in httpx.get(f"{base}/documents", params={"limit": 100}).json()["items"]}
    open_page(browser, f"{base}/viewer/compare.html")
    form = css(browser, "#pick")[0]

    def chosen() -> tuple[int, int]:
        return tuple(int(form.find_element("css selector", f"select[name={n}]")
                         .get_attribute("value")) for n in ("a", "b"))

    a, b = chosen()
    assert a != b and groups[a] == groups[b]
    de = ids["interview-river-treaty.de"]
    form.find_element("css selector", f"select[name=a] option[value='{de}']").click()
    a, b = chosen()
    assert a == de and b != de and groups[b] == groups[de]
    assert console_errors(browser) == []


def test_an_edition_not_aligned_yet_is_said_so_without_errors(browser, server, ids,
                                                               examples_dir):
    """Runs last: it adds a new version of the Russian speech, not aligned."""
    import httpx

    base = server[0]
    path = examples_dir / "speech-arctic-forum.ru.txt"
    changed = path.read_bytes() + "\nСпасибо.\n".encode()
    new = httpx.post(f"{base}/documents", params={"filename": path.name, "align": "false"},
                     content=changed, headers={"Authorization": f"Bearer {TOKEN}"})
    assert new.status_code == 201, new.text
    assert new.json()["status"] == "new-version"
    en = ids["speech-arctic-forum.en"]
    open_page(browser, f"{base}/viewer/document.html?id={en}")
    assert "not aligned yet" in css(browser, "#parallel tbody")[0].text
    assert len(css(browser, f".s[data-doc='{en}']")) == len(api_sentences(base, en))
    assert console_errors(browser) == []
    # With the write token the page offers to align it, and aligns it.
    ru = new.json()["document_id"]
    if not css(browser, "button.align-now"):
        assert "Enter the write token" in css(browser, "#parallel tbody")[0].text
        _set_token(browser)
    click(browser, wait_for(browser, lambda d: css(d, "button.align-now"))[0])
    wait_for(browser, lambda d: css(d, f".bead[data-ed='{ru}']"), timeout=120)
    assert "Aligned the ru edition" in browser.find_element("id", "status").text
    assert len(css(browser, f".bead[data-ed='{ru}']")) == len(api_pairs(base, en, ru)) > 0
    assert css(browser, "button.align-now") == []
    assert console_errors(browser) == []
