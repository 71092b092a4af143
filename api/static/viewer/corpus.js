// Corpus page: documents grouped by edition, with filters; the parallel concordance.
"use strict";

(() => {
  const { api, el, setStatus, query, allPages } = Alinea;
  const KINDS = ["interview", "speech", "remarks", "press-conference", "answer", "statement",
                 "article", "briefing", "other"];
  const filters = document.getElementById("filters");
  const search = document.getElementById("search");
  const docStatus = document.getElementById("doc-status");
  const kwicStatus = document.getElementById("kwic-status");
  let kwicNext = null;

  function formParams(form) {
    const params = {};
    for (const [key, value] of new FormData(form).entries()) {
      if (String(value).trim()) params[key] = String(value).trim();
    }
    return params;
  }

  function fillSelect(select, values) {
    for (const value of values) select.append(el("option", { value }, value));
  }

  function documentLink(doc, text) {
    return el("a", { href: `document.html?id=${doc.id}`, class: text ? undefined : "lang",
                     title: `${doc.title} (${doc.n_sentences} sentences)`,
                     dataset: { doc: doc.id } }, text || doc.lang);
  }

  // One row per text: its editions side by side as language links.
  function renderDocuments(docs, preferLang) {
    const body = document.querySelector("#documents tbody");
    body.replaceChildren();
    const groups = new Map();
    for (const doc of docs) {
      const key = doc.edition_group_id !== null ? "g" + doc.edition_group_id : "d" + doc.id;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(doc);
    }
    for (const members of groups.values()) {
      members.sort((a, b) => a.lang.localeCompare(b.lang));
      const main = members.find((d) => d.lang === preferLang) ||
        members.find((d) => d.lang === "en") || members[0];
      const sentences = members.map((d) => `${d.lang} ${d.n_sentences}`).join(" · ");
      body.append(el("tr", { class: "group", dataset: { group: main.edition_group_id ?? "" } },
        el("td", {}, documentLink(main, main.title)),
        el("td", {}, main.date || "–"),
        el("td", {}, main.kind),
        el("td", { class: "editions" }, members.map((d) => documentLink(d))),
        el("td", { class: "muted small" }, sentences)));
    }
    return groups.size;
  }

  async function loadDocuments() {
    const params = formParams(filters);
    setStatus(docStatus, "Loading documents…");
    try {
      const docs = await allPages("/documents", params);
      const texts = renderDocuments(docs, params.lang);
      setStatus(docStatus, `${texts} text${texts === 1 ? "" : "s"}, ${docs.length} edition${docs.length === 1 ? "" : "s"}`);
    } catch (error) {
      setStatus(docStatus, error.message, "error");
    }
  }

  function kwicRow(line) {
    const aligned = line.aligned === null || line.aligned === undefined ? el("span", { class: "muted" }, "–")
      : line.aligned.length === 0 ? el("span", { class: "badge none" }, "no aligned sentence")
      : line.aligned.map((c) => el("div", { class: "cp" },
          el("a", { href: `document.html?id=${line.document_id}&with=${c.document_id}#s-${line.document_id}-${line.position}`,
                    class: "lang" }, c.lang),
          c.text,
          el("span", { class: "badge" + (c.confidence < 0.5 ? " low" : " kind") + " conf" },
             c.confidence.toFixed(2))));
    return el("tr", {},
      el("td", { class: "small" },
        el("a", { href: `document.html?id=${line.document_id}#s-${line.document_id}-${line.position}` },
           line.title), " ", el("span", { class: "lang" }, line.lang)),
      el("td", { class: "left" }, el("span", {}, line.left)),
      el("td", { class: "match" }, line.match),
      el("td", { class: "right" }, line.right),
      el("td", { class: "aligned" }, aligned));
  }

  async function runSearch(more = false) {
    const params = formParams(search);
    if (!params.q) return;
    const table = document.getElementById("kwic");
    const body = table.querySelector("tbody");
    if (!more) { body.replaceChildren(); kwicNext = null; }
    setStatus(kwicStatus, "Searching…");
    try {
      const page = await api("/concordance", { params: { ...params, cursor: more ? kwicNext : undefined, limit: 50 } });
      for (const line of page.items) body.append(kwicRow(line));
      kwicNext = page.next;
      table.hidden = body.children.length === 0;
      document.getElementById("kwic-more").hidden = !kwicNext;
      const n = body.children.length;
      setStatus(kwicStatus, n ? `${n}${kwicNext ? "+" : ""} matching sentence${n === 1 ? "" : "s"}` : `No sentence matches ${params.q}.`);
      const url = new URL(location.href);
      for (const key of ["q", "lang", "target"]) {
        if (params[key]) url.searchParams.set(key, params[key]); else url.searchParams.delete(key);
      }
      history.replaceState(null, "", url);
    } catch (error) {
      setStatus(kwicStatus, error.message, "error");
    }
  }

  // The corpus figures of GET /stats: what is there and how much of it is aligned.
  function statsLine(stats, langs) {
    const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;
    const parts = [`${plural(stats.documents, "document")} in ${langs.length} language` +
                   `${langs.length === 1 ? "" : "s"}: ${langs.join(", ")}`];
    if (stats.edition_pairs) {
      parts.push(`${stats.aligned_pairs} of ${plural(stats.edition_pairs, "edition pair")} aligned`);
    }
    if (stats.links) {
      parts.push(`${plural(stats.links, "link")} (${stats.corrected_links} corrected by hand), ` +
                 `mean confidence ${stats.mean_confidence.toFixed(2)}`);
    }
    return parts.join(" · ");
  }

  async function init() {
    fillSelect(filters.elements.kind, KINDS);
    try {
      const docs = await allPages("/documents", {});
      const langs = [...new Set(docs.map((d) => d.lang))].sort();
      for (const select of [filters.elements.lang, search.elements.lang, search.elements.target]) {
        fillSelect(select, langs);
      }
      const stats = await api("/stats");
      document.getElementById("stats").textContent = statsLine(stats, langs);
      const texts = renderDocuments(docs);
      setStatus(docStatus, `${texts} texts, ${docs.length} editions`);
    } catch (error) {
      setStatus(docStatus, error.message, "error");
    }
    const params = query();
    for (const key of ["q", "lang", "target"]) {
      if (params.get(key)) search.elements[key].value = params.get(key);
    }
    if (params.get("q")) await runSearch();
    document.body.dataset.ready = "true";
  }

  filters.addEventListener("submit", (event) => { event.preventDefault(); loadDocuments(); });
  filters.addEventListener("reset", () => setTimeout(loadDocuments, 0));
  search.addEventListener("submit", (event) => { event.preventDefault(); runSearch(); });
  document.getElementById("kwic-more").addEventListener("click", () => runSearch(true));
  init();
})();
