// Document page: a document and its editions side by side along the alignment, speaker
// turns, low-confidence links, counterpart highlighting, and link corrections.
"use strict";

(() => {
  const { api, apiUrl, el, setStatus, query, getToken } = Alinea;
  const status = document.getElementById("status");
  const table = document.getElementById("parallel");
  const thresholdInput = document.getElementById("threshold");
  const editbar = document.getElementById("editbar");
  const editMsg = document.getElementById("edit-msg");
  const splitForm = document.getElementById("splitform");
  const EXPORTS = ["tmx", "tsv", "xces", "moses", "tei"];

  const pivotId = Number(query().get("id"));
  let pivot = null;           // {info, sentences, turns, turnOf}
  const editions = new Map(); // id -> {info, sentences, turns, turnOf, alignment, error, beads}
  let shown = [];             // edition ids, in column order
  let pinned = null;          // the clicked sentence element
  let selection = null;       // {edId, beads: Set of bead indices}
  let relinking = null;       // {edId, pivot: Set, target: Set}
  let lastEdited = null;      // the edition corrected (or undone) last on this page

  // ------------------------------------------------------------------ loading

  function turnIndex(turns, n) {
    const turnOf = new Array(n).fill(0);
    for (const turn of turns) for (let i = turn.start; i < turn.end; i++) turnOf[i] = turn.index;
    return turnOf;
  }

  async function loadDocument(id) {
    const [sentences, turns] = await Promise.all([
      api(`/documents/${id}/sentences`), api(`/documents/${id}/turns`)]);
    return { sentences: sentences.items, turns: turns.items,
             turnOf: turnIndex(turns.items, sentences.items.length) };
  }

  async function loadAlignment(ed) {
    if (!ed.aligned) {
      // Asking would only get a 404: say what to do instead.
      ed.alignment = null;
      ed.error = "not aligned yet";
      ed.beads = [];
      return;
    }
    try {
      ed.alignment = await api(`/alignments/${pivotId}/${ed.info.id}`);
      ed.error = null;
    } catch (error) {
      ed.alignment = null;
      ed.error = error.message;
    }
    ed.beads = prepareBeads(ed);
  }

  async function loadEdition(id) {
    const ed = editions.get(id);
    if (!ed.sentences) Object.assign(ed, await loadDocument(id));
    if (ed.alignment === undefined) await loadAlignment(ed);
  }

  // The alignment's links in order, plus a pseudo-link for every target sentence that no
  // link holds (after a hand-made link left it out), so every sentence is shown.
  function prepareBeads(ed) {
    if (!ed.alignment) return [];
    const beads = ed.alignment.pairs.map((p) => ({
      src: p.src.positions, tgt: p.tgt.positions, confidence: p.confidence,
      origin: p.origin, kind: p.kind }));
    const covered = new Set(beads.flatMap((b) => b.tgt));
    const out = [];
    const missing = ed.sentences.map((s) => s.position).filter((j) => !covered.has(j));
    let next = 0;
    for (const bead of beads) {
      const first = bead.tgt.length ? bead.tgt[0] : Infinity;
      while (next < missing.length && missing[next] < first && bead.tgt.length) {
        out.push({ src: [], tgt: [missing[next++]], confidence: null, origin: "none", kind: "0-1" });
      }
      out.push(bead);
    }
    while (next < missing.length) {
      out.push({ src: [], tgt: [missing[next++]], confidence: null, origin: "none", kind: "0-1" });
    }
    return out;
  }

  // ------------------------------------------------------------------ layout

  // Rows along the document: pivot sentences that share a link in any shown edition are one
  // row; links with no pivot sentence (additions) get a row after the one before them.
  function buildRows() {
    const n = pivot.sentences.length;
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i) => { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; };
    const cols = shown.map((id) => editions.get(id));
    for (const ed of cols) {
      for (const bead of ed.beads) {
        for (const i of bead.src.slice(1)) parent[find(i)] = find(bead.src[0]);
      }
    }
    const main = [];
    const rowOf = new Array(n);
    for (let i = 0; i < n; i++) {
      const root = find(i);
      if (!main.length || main[main.length - 1].root !== root) {
        main.push({ root, src: [], cells: cols.map(() => []), addition: false });
      }
      main[main.length - 1].src.push(i);
      rowOf[i] = main.length - 1;
    }
    const extra = new Map();
    const extraRow = (after) => {
      if (!extra.has(after)) extra.set(after, { src: [], cells: cols.map(() => []), addition: true });
      return extra.get(after);
    };
    cols.forEach((ed, k) => {
      let last = -1;
      ed.beads.forEach((bead, b) => {
        if (bead.src.length) {
          const r = rowOf[bead.src[0]];
          main[r].cells[k].push(b);
          last = Math.max(last, r);
        } else {
          extraRow(last).cells[k].push(b);
        }
      });
    });
    const rows = [];
    if (extra.has(-1)) rows.push(extra.get(-1));
    main.forEach((row, r) => {
      rows.push(row);
      if (extra.has(r)) rows.push(extra.get(r));
    });
    let turn = 0;
    for (const row of rows) {
      if (row.src.length) turn = pivot.turnOf[row.src[0]];
      row.turn = turn;
    }
    return rows;
  }

  function sentenceSpan(doc, sentence, side, edId) {
    return el("span", {
      class: "s", id: `s-${doc}-${sentence.position}`,
      dataset: { doc, pos: sentence.position, sid: sentence.id, side, ed: edId ?? "" },
    }, sentence.text);
  }

  function beadNode(ed, b) {
    const bead = ed.beads[b];
    const threshold = Number(thresholdInput.value);
    const pseudo = bead.origin === "none";
    const low = !pseudo && bead.confidence < threshold;
    const classes = ["bead"];
    if (low) classes.push("low");
    if (!bead.tgt.length) classes.push("gap");
    if (pseudo) classes.push("unlinked");
    if (selection && selection.edId === ed.info.id && selection.beads.has(b)) classes.push("selected");
    const node = el("div", { class: classes.join(" "), dataset: { ed: ed.info.id, bead: b, conf: pseudo ? "" : bead.confidence },
                             title: pseudo ? "not in any link" :
                               `${bead.kind} link, confidence ${bead.confidence.toFixed(2)}, ${bead.origin === "manual" ? "corrected by a person" : "automatic"}` });
    if (!pseudo) {
      node.append(el("button", { type: "button", class: "pick", dataset: { ed: ed.info.id, bead: b } },
                     "select"));
    }
    const parts = [];
    for (const j of bead.tgt) {
      parts.push(sentenceSpan(ed.info.id, ed.sentences[j], "tgt", ed.info.id), " ");
    }
    if (!bead.tgt.length) parts.push(el("span", { class: "empty" }, "— no counterpart"));
    node.append(...parts);
    if (pseudo) node.append(el("span", { class: "badge none" }, "not linked"));
    if (!pseudo && bead.kind !== "1-1") node.append(el("span", { class: "badge kind" }, bead.kind));
    if (!pseudo) node.append(el("span", { class: "badge low" }, bead.confidence.toFixed(2)));
    if (bead.origin === "manual") node.append(el("span", { class: "badge manual", title: "corrected or checked by a person" }, "✓"));
    return node;
  }

  function turnHeader(rows, start, colsCount) {
    const turn = pivot.turns[rows[start].turn];
    const cells = [el("td", { class: "num" })];
    const who = (t) => t ? [el("span", { class: `who role-${t.role}` }, t.name),
                            el("span", { class: "label" }, t.label && t.label !== t.name + ":" ? t.label : `(${t.role})`)]
                         : [el("span", { class: "empty" }, "–")];
    cells.push(el("td", { class: "pivot" }, who(turn)));
    for (let k = 0; k < colsCount; k++) {
      const ed = editions.get(shown[k]);
      let first = null;
      for (let r = start; r < rows.length && rows[r].turn === rows[start].turn && first === null; r++) {
        for (const b of rows[r].cells[k]) {
          if (ed.beads[b].tgt.length) { first = ed.beads[b].tgt[0]; break; }
        }
      }
      cells.push(el("td", { class: "ed" }, who(first === null ? null : ed.turns[ed.turnOf[first]])));
    }
    return el("tr", { class: `turn role-${turn ? turn.role : "other"}`, dataset: { turn: rows[start].turn } }, cells);
  }

  // Which aligner made the links, folded: "aligned by alinea 0.1.0", the whole
  // signature (bead shapes, scorers, model, options) when opened.
  function methodNote(signature) {
    const tool = signature.split("|")[0].replace(":", " ");
    return el("details", { class: "sig small muted" },
      el("summary", { title: "alignment signature" }, `aligned by ${tool}`), signature);
  }

  function render() {
    const cols = shown.map((id) => editions.get(id));
    const head = el("tr", {},
      el("th", { class: "colhead num" }, "#"),
      el("th", { class: "colhead" }, el("span", { class: "lang" }, pivot.info.lang), " ", pivot.info.title),
      cols.map((ed) => el("th", { class: "colhead" },
        el("a", { class: "lang", href: `document.html?id=${ed.info.id}&with=${[pivotId, ...shown.filter((id) => id !== ed.info.id)].join(",")}`,
                  title: "read along this edition instead" }, ed.info.lang), " ",
        ed.info.title, ed.alignment ? methodNote(ed.alignment.signature) : null)));
    table.tHead.replaceChildren(head);
    const colgroup = table.querySelector("colgroup") || table.insertBefore(el("colgroup"), table.tHead);
    colgroup.replaceChildren(el("col", { style: "width:3.2rem" }), ...[pivot, ...cols].map(() => el("col")));

    const rows = buildRows();
    const body = document.createDocumentFragment();
    let previousTurn = null;
    rows.forEach((row, r) => {
      if (row.turn !== previousTurn) {
        body.append(turnHeader(rows, r, cols.length));
        previousTurn = row.turn;
      }
      const turn = pivot.turns[row.turn];
      const tr = el("tr", { class: `row role-${turn ? turn.role : "other"}${row.addition ? " addition" : ""}` });
      tr.append(el("td", { class: "num" }, row.src.length ? row.src.map((i) => i + 1).join("–").replace(/–.*–/, "–") : "+"));
      const pivotCell = el("td", { class: "pivot" });
      if (row.src.length) {
        row.src.forEach((i) => pivotCell.append(sentenceSpan(pivotId, pivot.sentences[i], "src"), " "));
      } else {
        pivotCell.append(el("span", { class: "empty" }, "— added in the translation"));
      }
      tr.append(pivotCell);
      cols.forEach((ed, k) => {
        const cell = el("td", { class: "ed", dataset: { ed: ed.info.id } });
        if (!ed.alignment) {
          if (r === 0) cell.append(el("span", { class: "badge none" }, ed.error || "not aligned"),
                                   ed.aligned ? null : alignOffer(ed));
        } else if (row.cells[k].length) {
          row.cells[k].forEach((b) => cell.append(beadNode(ed, b)));
        } else if (row.src.length) {
          cell.append(el("div", { class: "bead unlinked" }, el("span", { class: "badge none" }, "not linked")));
        }
        tr.append(cell);
      });
      body.append(tr);
    });
    table.tBodies[0].replaceChildren(body);
    if (pinned) pinned = document.getElementById(pinned.id);
    if (pinned) highlight(pinned, "pinned");
    if (relinking) markPicked();
  }

  // Mark the links below the confidence threshold (without redrawing the table).
  function applyThreshold() {
    const threshold = Number(thresholdInput.value);
    for (const node of table.querySelectorAll(".bead[data-conf]")) {
      if (node.dataset.conf === "") continue;
      node.classList.toggle("low", Number(node.dataset.conf) < threshold);
    }
  }

  // ------------------------------------------------------------------ highlighting

  // The sentences aligned with a sentence, in every shown edition (through the pivot).
  function counterpartIds(span) {
    const doc = Number(span.dataset.doc);
    const pos = Number(span.dataset.pos);
    const ids = new Set([span.id]);
    let pivotPositions = [];
    if (span.dataset.side === "src") {
      pivotPositions = [pos];
    } else {
      const ed = editions.get(doc);
      const bead = ed.beads.find((b) => b.tgt.includes(pos));
      if (bead) pivotPositions = bead.src;
    }
    for (const i of pivotPositions) ids.add(`s-${pivotId}-${i}`);
    for (const id of shown) {
      const ed = editions.get(id);
      for (const bead of ed.beads) {
        if (bead.src.some((i) => pivotPositions.includes(i))) {
          for (const j of bead.tgt) ids.add(`s-${id}-${j}`);
        }
      }
    }
    return ids;
  }

  function highlight(span, cls) {
    for (const id of counterpartIds(span)) {
      const node = document.getElementById(id);
      if (node) node.classList.add(cls);
    }
  }

  function clearClass(cls) {
    for (const node of table.querySelectorAll("." + cls)) node.classList.remove(cls);
  }

  async function showCounterparts(span) {
    const panel = document.getElementById("detail");
    const body = document.getElementById("detail-body");
    panel.hidden = false;
    body.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    try {
      const data = await api(`/sentences/${span.dataset.sid}/counterparts`);
      const list = el("ul");
      for (const c of data.counterparts) {
        list.append(el("li", {}, el("span", { class: "lang" }, c.lang), " ", c.sentence.text,
          el("span", { class: "badge " + (c.confidence < Number(thresholdInput.value) ? "low" : "kind") }, c.confidence.toFixed(2)),
          c.origin === "manual" ? el("span", { class: "badge manual" }, "✓") : null));
      }
      body.replaceChildren(
        el("p", {}, el("span", { class: "lang" }, data.lang), " ", el("strong", {}, data.sentence.text),
           el("span", { class: "pos" }, ` #${data.sentence.position + 1}`)),
        data.counterparts.length ? list : el("p", { class: "muted" }, "No aligned sentence in any language."));
    } catch (error) {
      body.replaceChildren(el("p", { class: "status error" }, error.message));
    }
  }

  table.addEventListener("mouseover", (event) => {
    const span = event.target.closest(".s");
    if (span && !relinking) highlight(span, "hl");
  });
  table.addEventListener("mouseout", (event) => {
    if (event.target.closest(".s")) clearClass("hl");
  });
  table.addEventListener("click", (event) => {
    const pick = event.target.closest("button.pick");
    if (pick) { toggleSelect(Number(pick.dataset.ed), Number(pick.dataset.bead)); return; }
    const span = event.target.closest(".s");
    if (!span) return;
    if (relinking) { togglePicked(span); return; }
    clearClass("pinned");
    if (pinned && pinned.id === span.id) { pinned = null; document.getElementById("detail").hidden = true; return; }
    pinned = span;
    highlight(span, "pinned");
    showCounterparts(span);
  });
  document.getElementById("detail-close").addEventListener("click", () => {
    document.getElementById("detail").hidden = true;
    clearClass("pinned");
    pinned = null;
  });

  // ------------------------------------------------------------------ corrections

  function editing() {
    return Boolean(getToken());
  }

  function selectedBeads() {
    if (!selection) return [];
    const ed = editions.get(selection.edId);
    return [...selection.beads].sort((a, b) => a - b).map((b) => ed.beads[b]);
  }

  function updateEditbar() {
    document.body.classList.toggle("editing", editing());
    editbar.hidden = !editing();
    const beads = selectedBeads();
    const lang = selection ? editions.get(selection.edId).info.lang : "";
    const total = (b) => b.src.length + b.tgt.length;
    document.getElementById("do-merge").disabled = beads.length < 2 || Boolean(relinking);
    document.getElementById("do-split").disabled = beads.length !== 1 || total(beads[0]) < 2 || Boolean(relinking);
    document.getElementById("do-relink").disabled = beads.length < 1 || Boolean(relinking);
    document.getElementById("do-check").disabled = beads.length < 1 || Boolean(relinking);
    // Only links a person set can be handed back; the aligner redoes them from then on.
    document.getElementById("do-release").disabled = beads.length < 1 || Boolean(relinking) ||
      beads.some((b) => b.origin !== "manual");
    const undo = document.getElementById("do-undo");
    const target = undoTarget();
    undo.disabled = target === null || Boolean(relinking);
    undo.textContent = target !== null && shown.length > 1
      ? `Undo last ${editions.get(target).info.lang} correction` : "Undo last correction";
    undo.title = target === null
      ? "Select a link of the edition whose last correction to undo."
      : `Take back the last correction of the ${pivot.info.lang}–${editions.get(target).info.lang} alignment still in effect (made here or elsewhere).`;
    document.getElementById("relink-actions").hidden = !relinking;
    if (relinking) {
      editMsg.textContent = `Re-link: click the ${pivot.info.lang} and ${editions.get(relinking.edId).info.lang} sentences that belong together, then save.`;
    } else if (beads.length) {
      editMsg.textContent = `${beads.length} ${pivot.info.lang}–${lang} link${beads.length > 1 ? "s" : ""} selected.`;
    } else {
      editMsg.textContent = "Select links with their “select” buttons to correct them.";
    }
  }

  function toggleSelect(edId, b) {
    if (!selection || selection.edId !== edId) selection = { edId, beads: new Set() };
    if (selection.beads.has(b)) selection.beads.delete(b); else selection.beads.add(b);
    if (!selection.beads.size) selection = null;
    for (const node of table.querySelectorAll(".bead")) {
      node.classList.toggle("selected", Boolean(selection) && Number(node.dataset.ed) === selection?.edId &&
                            selection.beads.has(Number(node.dataset.bead)));
    }
    splitForm.hidden = true;
    updateEditbar();
  }

  const byInput = document.getElementById("edit-by");
  byInput.value = sessionStorage.getItem("alinea.by") || "";
  byInput.addEventListener("change", () => sessionStorage.setItem("alinea.by", byInput.value.trim()));

  // The edition whose last correction "Undo" takes back: that of the selected links, else
  // the one corrected last on this page, else the only aligned edition shown.
  function undoTarget() {
    if (selection) return selection.edId;
    if (lastEdited !== null && shown.includes(lastEdited)) return lastEdited;
    const aligned = shown.filter((id) => editions.get(id).alignment);
    return aligned.length === 1 ? aligned[0] : null;
  }

  // After a correction or an undo: the edition's alignment as stored now, redrawn in place.
  // An edition with no alignment yet: with the write token, a button that aligns it
  // (POST /alignments/{pivot}/{edition}); without, what to do.
  function alignOffer(ed) {
    if (!getToken()) {
      return el("div", { class: "small muted" },
        "Enter the write token to align it here, or run alinea align --all.");
    }
    return el("button", { type: "button", class: "align-now", onclick: () => alignNow(ed.info.id) },
      "Align now");
  }

  async function alignNow(edId) {
    const ed = editions.get(edId);
    setStatus(status, `Aligning the ${ed.info.lang} edition…`);
    try {
      const result = await api(`/alignments/${pivotId}/${edId}`, { method: "POST", auth: true });
      ed.aligned = true;
      await reloadEdited(edId);
      setStatus(status, `Aligned the ${ed.info.lang} edition: ${result.n_links} link${result.n_links === 1 ? "" : "s"} ` +
                `(alignment #${result.alignment_id}).`, "ok");
    } catch (error) {
      setStatus(status, `Aligning refused: ${error.message}`, "error");
    }
  }

  async function reloadEdited(edId) {
    selection = null;
    relinking = null;
    lastEdited = edId;
    splitForm.hidden = true;
    const scroll = window.scrollY;
    await loadAlignment(editions.get(edId));
    render();
    window.scrollTo(0, scroll);
    updateEditbar();
  }

  async function submitEdit(edId, body, done) {
    if (byInput.value.trim()) body = { ...body, by: byInput.value.trim() };
    setStatus(status, "Saving the correction…");
    try {
      const result = await api(`/alignments/${pivotId}/${edId}/edits`, { method: "POST", body, auth: true });
      await reloadEdited(edId);
      setStatus(status, `${done} (stored as a correction in alignment #${result.alignment_id}).`, "ok");
    } catch (error) {
      setStatus(status, `Correction refused: ${error.message}`, "error");
    }
  }

  async function undoLast(edId) {
    const body = byInput.value.trim() ? { by: byInput.value.trim() } : {};
    setStatus(status, "Undoing the last correction…");
    try {
      const result = await api(`/alignments/${pivotId}/${edId}/undo`, { method: "POST", body, auth: true });
      clearClass("picked");
      await reloadEdited(edId);
      const c = result.undone;
      const n = c.replaced.length;
      setStatus(status, `Undid correction #${c.id}${c.made_by ? ` by ${c.made_by}` : ""}: ` +
                `${n} link${n === 1 ? "" : "s"} back as ${n === 1 ? "it was" : "they were"} (alignment #${result.alignment_id}).`, "ok");
    } catch (error) {
      setStatus(status, `Undo refused: ${error.message}`, "error");
    }
  }

  async function releaseLinks(edId, links) {
    const body = byInput.value.trim() ? { links, by: byInput.value.trim() } : { links };
    setStatus(status, "Handing the links back to the aligner…");
    try {
      const result = await api(`/alignments/${pivotId}/${edId}/release`, { method: "POST", body, auth: true });
      await reloadEdited(edId);
      const c = result.released;
      const n = c.added.length;
      setStatus(status, `Handed ${links.length} link${links.length === 1 ? "" : "s"} back to the aligner: ` +
                `${n} automatic link${n === 1 ? "" : "s"} in their place (correction #${c.id}; Undo puts them back).`, "ok");
    } catch (error) {
      setStatus(status, `Hand-back refused: ${error.message}`, "error");
    }
  }

  const asLink = (b) => ({ src: b.src, tgt: b.tgt });

  document.getElementById("do-merge").addEventListener("click", () => {
    const beads = selectedBeads();
    submitEdit(selection.edId, { op: "merge", links: beads.map(asLink) }, `Merged ${beads.length} links into one`);
  });
  document.getElementById("do-check").addEventListener("click", () => {
    const beads = selectedBeads();
    submitEdit(selection.edId, { op: "check", links: beads.map(asLink) },
               `Marked ${beads.length} link${beads.length > 1 ? "s" : ""} as checked`);
  });
  document.getElementById("do-split").addEventListener("click", () => {
    const [bead] = selectedBeads();
    const ed = editions.get(selection.edId);
    const options = (select, positions, sentences) => {
      select.replaceChildren(...Array.from({ length: positions.length + 1 }, (_, n) =>
        el("option", { value: n }, n === 0 ? "0 (none)" :
           `${n}: …${sentences[positions[n - 1]].text.slice(-30)}`)));
      select.value = String(Math.ceil(positions.length / 2));
    };
    options(splitForm.elements.src, bead.src, pivot.sentences);
    options(splitForm.elements.tgt, bead.tgt, ed.sentences);
    splitForm.hidden = false;
  });
  document.getElementById("split-cancel").addEventListener("click", () => { splitForm.hidden = true; });
  splitForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const [bead] = selectedBeads();
    submitEdit(selection.edId, { op: "split", links: [asLink(bead)],
      split_at: { src: Number(splitForm.elements.src.value), tgt: Number(splitForm.elements.tgt.value) } },
      "Split the link in two");
  });
  document.getElementById("do-relink").addEventListener("click", () => {
    const beads = selectedBeads();
    relinking = { edId: selection.edId, pivot: new Set(beads.flatMap((b) => b.src)),
                  target: new Set(beads.flatMap((b) => b.tgt)) };
    markPicked();
    updateEditbar();
  });
  document.getElementById("relink-cancel").addEventListener("click", () => {
    relinking = null;
    clearClass("picked");
    updateEditbar();
  });
  document.getElementById("relink-save").addEventListener("click", () => {
    const sorted = (set) => [...set].sort((a, b) => a - b);
    const link = { src: sorted(relinking.pivot), tgt: sorted(relinking.target) };
    clearClass("picked");
    submitEdit(relinking.edId, { op: "relink", links: [link] },
               `Linked ${pivot.info.lang} ${link.src.map((i) => i + 1).join(",") || "–"} with ${editions.get(relinking.edId).info.lang} ${link.tgt.map((j) => j + 1).join(",") || "–"}`);
  });
  document.getElementById("do-release").addEventListener("click", () => {
    releaseLinks(selection.edId, selectedBeads().map(asLink));
  });
  document.getElementById("do-undo").addEventListener("click", () => {
    const edId = undoTarget();
    if (edId !== null) undoLast(edId);
  });
  document.getElementById("do-clear").addEventListener("click", () => {
    selection = null;
    relinking = null;
    splitForm.hidden = true;
    clearClass("picked");
    clearClass("selected");
    updateEditbar();
  });

  function togglePicked(span) {
    const pos = Number(span.dataset.pos);
    let set = null;
    if (span.dataset.side === "src") set = relinking.pivot;
    else if (Number(span.dataset.doc) === relinking.edId) set = relinking.target;
    if (!set) return;
    if (set.has(pos)) set.delete(pos); else set.add(pos);
    markPicked();
  }

  function markPicked() {
    clearClass("picked");
    for (const i of relinking.pivot) document.getElementById(`s-${pivotId}-${i}`)?.classList.add("picked");
    for (const j of relinking.target) document.getElementById(`s-${relinking.edId}-${j}`)?.classList.add("picked");
  }

  document.addEventListener("alinea:token", updateEditbar);
  // The "Align now" offer of an edition not aligned yet depends on the token.
  document.addEventListener("alinea:token", () => {
    if (pivot && shown.some((id) => !editions.get(id).aligned)) render();
  });

  // ------------------------------------------------------------------ page

  function renderHeader(info) {
    document.title = `alinea · ${info.title} [${info.lang}]`;
    document.getElementById("title").textContent = info.title;
    const speakers = info.speakers.map((s) => `${s.name} (${s.role})`).join(", ");
    const meta = [["Language", info.lang], ["Date", info.date], ["Time", info.time],
                  ["Kind", info.kind], ["Place", info.place], ["Outlet", info.outlet],
                  ["Original", info.original_lang], ["Speakers", speakers],
                  ["Sentences", info.n_sentences]];
    document.getElementById("meta").replaceChildren(...meta.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => el("span", {}, el("span", { class: "muted" }, k + ": "), String(v))));
  }

  function renderLinks() {
    const links = document.getElementById("links");
    const items = [el("a", { href: apiUrl(`/documents/${pivotId}/tei`) }, `TEI (${pivot.info.lang})`)];
    for (const id of shown) {
      const ed = editions.get(id);
      items.push(el("span", {}, `${pivot.info.lang}–${ed.info.lang}: `,
        EXPORTS.map((format, i) => [i ? " · " : "", el("a", {
          href: apiUrl("/export", { format, doc: pivotId, target: ed.info.lang }) }, format.toUpperCase())]),
        " · ", el("a", { href: apiUrl(`/documents/${id}/tei`) }, `TEI (${ed.info.lang})`),
        " · ", el("a", { href: `compare.html?a=${pivotId}&b=${id}` }, "compare")));
    }
    links.replaceChildren(...items);
  }

  function renderEditionChoice() {
    const box = document.getElementById("editions");
    box.querySelectorAll("label").forEach((node) => node.remove());
    if (!editions.size) box.append(el("label", { class: "muted" }, "no other edition"));
    for (const [id, ed] of editions) {
      const input = el("input", { type: "checkbox", value: id, checked: shown.includes(id) });
      input.addEventListener("change", () => setShown(input.checked ? [...shown, id] : shown.filter((x) => x !== id)));
      box.append(el("label", { title: ed.info.title }, input, " ", ed.info.lang, el("span", { class: "muted small" }, ` (${ed.info.n_sentences})`)));
    }
  }

  async function setShown(ids) {
    shown = [...new Set(ids)].filter((id) => editions.has(id));  // in the order asked
    const url = new URL(location.href);
    url.searchParams.set("with", shown.join(","));
    history.replaceState(null, "", url);
    if (selection && !shown.includes(selection.edId)) selection = null;
    setStatus(status, "Loading alignments…");
    try {
      await Promise.all(shown.map(loadEdition));
      setStatus(status, shown.length ? "" : "Choose an edition to show beside this one.");
    } catch (error) {
      setStatus(status, error.message, "error");
    }
    renderEditionChoice();
    renderLinks();
    render();
    updateEditbar();
  }

  async function init() {
    if (!pivotId) { setStatus(status, "No document given: open one from the corpus page.", "error"); return; }
    try {
      const [info, doc, pairs] = await Promise.all([
        api(`/documents/${pivotId}`), loadDocument(pivotId), api(`/documents/${pivotId}/alignments`)]);
      pivot = { info, ...doc };
      renderHeader(info);
      const aligned = new Set(pairs.items.filter((p) => p.alignment_id !== null).map((p) => p.document_id));
      for (const e of info.editions) editions.set(e.id, { info: e, aligned: aligned.has(e.id) });
    } catch (error) {
      setStatus(status, error.message, "error");
      return;
    }
    let wanted = (query().get("with") || "").split(",").map(Number).filter((id) => editions.has(id));
    if (!query().has("with") && editions.size) {
      const original = [...editions.values()].find((e) => e.info.lang === pivot.info.original_lang);
      wanted = [(original || editions.values().next().value).info.id];
    }
    await setShown(wanted);
    thresholdInput.addEventListener("input", applyThreshold);
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) {
      target.scrollIntoView({ block: "center" });
      pinned = target;
      highlight(target, "pinned");
    }
    document.body.dataset.ready = "true";
  }

  init();
})();
