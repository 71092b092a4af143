// Compare page: how one edition differs from another (omissions, additions, outliers,
// and BLEU/chrF for editions in one language), from GET /compare.
"use strict";

(() => {
  const { api, apiUrl, el, setStatus, query, fmt, allPages } = Alinea;
  const form = document.getElementById("pick");
  const status = document.getElementById("status");

  function positions(list) {
    return list.length ? "#" + list.map((i) => i + 1).join(",") : "–";
  }

  function sentenceLink(docId, otherId, list, text) {
    const anchor = list.length ? `#s-${docId}-${list[0]}` : "";
    return [el("a", { class: "pos", href: `document.html?id=${docId}&with=${otherId}${anchor}` }, positions(list)), text];
  }

  function card(n, what, warn) {
    return el("div", { class: "card" + (warn && n ? " warn" : ""), dataset: { what } },
      el("div", { class: "n" }, String(n)), el("div", { class: "what" }, what));
  }

  function render(data) {
    const a = data.src, b = data.tgt;
    document.getElementById("heading").replaceChildren(
      el("span", { class: "lang" }, a.lang), " ", a.title, " ⟷ ", el("span", { class: "lang" }, b.lang), " ", b.title);
    document.getElementById("about").replaceChildren(
      data.alignment === "stored" ? "Using the stored alignment (with its corrections). "
                                  : "These editions have no stored alignment: aligned for this comparison. ",
      el("a", { href: `document.html?id=${a.id}&with=${b.id}` }, "side by side"), " · ",
      el("a", { href: apiUrl("/compare", { a: a.id, b: b.id, format: "html" }) }, "report page"), " · ",
      el("a", { href: apiUrl("/compare", { a: a.id, b: b.id }) }, "JSON"));
    const c = data.counts;
    document.getElementById("cards").replaceChildren(
      card(c.links, "links"), card(c.omissions, "omissions", true), card(c.additions, "additions", true),
      card(c.length_outliers, "length outliers", true), card(c.low_similarity, "far apart", true));
    const metrics = document.getElementById("metrics");
    metrics.replaceChildren();
    if (data.metrics) {
      metrics.append(el("div", { class: "cards" },
        el("div", { class: "card", dataset: { what: "bleu" } }, el("div", { class: "n" }, fmt(data.metrics.bleu, 1)), el("div", { class: "what" }, "BLEU"),
           el("div", { class: "sig" }, data.metrics.bleu_signature)),
        el("div", { class: "card", dataset: { what: "chrf" } }, el("div", { class: "n" }, fmt(data.metrics.chrf, 1)), el("div", { class: "what" }, "chrF"),
           el("div", { class: "sig" }, data.metrics.chrf_signature))));
    }
    const list = (id, items) => {
      const node = document.getElementById(id);
      node.replaceChildren(...(items.length ? items : [el("li", { class: "muted" }, "none")]));
    };
    list("omissions", [
      ...data.omissions.map((p) => el("li", {}, sentenceLink(a.id, b.id, p.src, p.src_text))),
      ...data.hidden_omissions.map((h) => el("li", {}, sentenceLink(a.id, b.id, [h.index], h.text), " ",
        el("em", { class: "muted small" }, "(inside a merged link)")))]);
    list("additions", [
      ...data.additions.map((p) => el("li", {}, sentenceLink(b.id, a.id, p.tgt, p.tgt_text))),
      ...data.hidden_additions.map((h) => el("li", {}, sentenceLink(b.id, a.id, [h.index], h.text), " ",
        el("em", { class: "muted small" }, "(inside a merged link)")))]);
    const rows = (id, items, cells) => {
      const body = document.querySelector(`#${id} tbody`);
      body.replaceChildren(...(items.length ? items.map((p) => el("tr", {}, cells(p)))
        : [el("tr", {}, el("td", { colspan: 4, class: "muted" }, "none"))]));
    };
    rows("outliers", data.length_outliers, (p) => [
      el("td", {}, sentenceLink(a.id, b.id, p.src, p.src_text)), el("td", {}, p.tgt_text),
      el("td", {}, fmt(p.length_ratio))]);
    rows("low", data.low_similarity, (p) => [
      el("td", {}, sentenceLink(a.id, b.id, p.src, p.src_text)), el("td", {}, p.tgt_text),
      el("td", {}, fmt(p.similarity)), el("td", {}, fmt(p.confidence))]);
    document.getElementById("notes").replaceChildren(...data.notes.map((n) => el("p", { class: "muted small" }, el("em", {}, n))));
    document.getElementById("signature").textContent = data.signature;
    document.getElementById("report").hidden = false;
  }

  async function run(a, b) {
    setStatus(status, "Comparing… (embedding the sentences can take a few seconds)");
    document.getElementById("report").hidden = true;
    try {
      const data = await api("/compare", { params: { a, b } });
      render(data);
      setStatus(status, "");
      document.body.dataset.ready = "true";
    } catch (error) {
      setStatus(status, error.message, "error");
    }
  }

  let editions = [];

  // The edition compared with the source: another edition of the same text (the first
  // one listed), unless one is chosen already; not the source itself.
  function pickCounterpart() {
    const a = editions.find((d) => String(d.id) === form.elements.a.value);
    const b = editions.find((d) => String(d.id) === form.elements.b.value);
    if (!a || (b && b.id !== a.id && b.edition_group_id != null
               && b.edition_group_id === a.edition_group_id)) return;
    const other = editions.find((d) => d.id !== a.id && d.edition_group_id != null
                                && d.edition_group_id === a.edition_group_id);
    if (other) form.elements.b.value = String(other.id);
  }

  async function init() {
    const params = query();
    try {
      const docs = await allPages("/documents", {});
      docs.sort((x, y) => (x.edition_group_id ?? 1e9) - (y.edition_group_id ?? 1e9) || x.lang.localeCompare(y.lang));
      for (const select of [form.elements.a, form.elements.b]) {
        select.replaceChildren(...docs.map((d) => el("option", { value: d.id }, `[${d.lang}] ${d.title} (#${d.id})`)));
      }
      editions = docs;
    } catch (error) {
      setStatus(status, error.message, "error");
      return;
    }
    if (params.get("a")) form.elements.a.value = params.get("a");
    if (params.get("b")) form.elements.b.value = params.get("b");
    else pickCounterpart();
    if (params.get("a") && params.get("b")) await run(params.get("a"), params.get("b"));
    else document.body.dataset.ready = "true";
  }

  form.elements.a.addEventListener("change", pickCounterpart);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const a = form.elements.a.value, b = form.elements.b.value;
    const url = new URL(location.href);
    url.searchParams.set("a", a);
    url.searchParams.set("b", b);
    history.replaceState(null, "", url);
    run(a, b);
  });
  init();
})();
