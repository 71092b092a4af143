// Shared helpers of the viewer's pages: API calls, problem+json errors, the write token.
"use strict";

const Alinea = (() => {
  // The API is one level above /viewer/, wherever the app is mounted.
  const apiBase = new URL("..", document.baseURI);
  const TOKEN_KEY = "alinea.token";

  function apiUrl(path, params) {
    const url = new URL(path.replace(/^\//, ""), apiBase);
    for (const [key, value] of Object.entries(params || {})) {
      if (value === undefined || value === null || value === "") continue;
      url.searchParams.set(key, value);
    }
    return url;
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  // GET or send JSON; errors become ApiError with the problem's detail.
  async function api(path, { params, method = "GET", body, auth = false } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth) {
      const token = getToken();
      if (token) headers.Authorization = "Bearer " + token;
    }
    const response = await fetch(apiUrl(path, params), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get("Content-Type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      const detail = data && data.detail ? data.detail : `${response.status} ${response.statusText}`;
      throw new ApiError(response.status, detail);
    }
    return data;
  }

  function getToken() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function setToken(token) {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    document.dispatchEvent(new CustomEvent("alinea:token"));
  }

  // The token box in the page header: a user with the server's token may correct links.
  function initTokenBox() {
    const box = document.querySelector("header.top .token");
    if (!box) return;
    const input = box.querySelector("input[type=password]");
    const button = box.querySelector("button");
    const refresh = () => {
      const has = Boolean(getToken());
      input.hidden = has;
      input.value = "";
      button.textContent = has ? "Stop editing" : "Edit";
      box.querySelector(".state").textContent = has ? "editing with token" : "";
    };
    box.addEventListener("submit", (event) => {
      event.preventDefault();
      if (getToken()) setToken("");
      else if (input.value.trim()) setToken(input.value.trim());
      else input.focus();
      refresh();
    });
    refresh();
  }

  // Element builder: el("td", {class: "x", dataset: {pos: 1}}, child, "text", ...)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function setStatus(node, message, kind) {
    node.textContent = message || "";
    node.className = "status" + (kind ? " " + kind : "");
  }

  function query() {
    return new URLSearchParams(location.search);
  }

  function fmt(value, digits = 2) {
    return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
  }

  // Every page of a paginated listing (documents, concordance), up to `max` items.
  async function allPages(path, params, max = 5000) {
    const items = [];
    let cursor;
    do {
      const page = await api(path, { params: { ...params, cursor, limit: 1000 } });
      items.push(...page.items);
      cursor = page.next;
    } while (cursor && items.length < max);
    return items;
  }

  document.addEventListener("DOMContentLoaded", initTokenBox);

  return { api, apiUrl, ApiError, getToken, setToken, el, setStatus, query, fmt, allPages };
})();
