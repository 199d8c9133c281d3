// fouille serve: the page. Every state is in the URL (?q=…&source=…&article=…),
// so the back button and a shared link work; the page only reads the JSON
// API. Article text is written with textContent and text nodes, never as
// markup: a scraped title holding <script> shows as those characters.
"use strict";

const KINDS = [
  // [facet key of the API, URL/filter key, label]
  ["source", "source", "Outlet"],
  ["place", "place", "Place"],
  ["org", "org", "Organisation"],
  ["person", "person", "Person"],
  ["wire", "wire", "Agency"],
];
const MULTI = ["place", "org", "person", "source", "wire"];
const LABEL = { place: "Place", org: "Organisation", person: "Person", source: "Outlet", wire: "Agency" };
const PAGE = 10;
const FACETS_SHOWN = 12;

const $ = (id) => document.getElementById(id);
let generation = 0;

// ---- elements, always built from text ----
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}
const svg = (tag, attrs) => {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
};

// ---- state in the URL ----
function state() {
  return new URLSearchParams(location.search);
}
function withChange(change) {
  const p = state();
  change(p);
  return "?" + p.toString();
}
function href(params) {
  const s = params.toString();
  return s ? "?" + s : "/";
}
function go(url, replace) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}
// Search parameters only (no paging, no article): what the API's filters take.
function searchParams(p) {
  const out = new URLSearchParams();
  for (const k of ["q", ...MULTI, "from", "to", "any", "sort"]) {
    for (const v of p.getAll(k)) if (v !== "") out.append(k, v);
  }
  return out;
}

// ---- the API ----
async function api(path, params) {
  const url = params ? path + "?" + params.toString() : path;
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { /* not JSON: said below */ }
  if (!r.ok) throw new Error((body && body.error) || `${r.status} ${r.statusText}`);
  return body;
}

// ---- text helpers ----
const plural = (n, one, many) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
function countLine(total, stories) {
  const a = plural(total, "article", "articles");
  return stories === total ? a : `${a} in ${plural(stories, "story", "stories")}`;
}
function metaLine(h) {
  return [h.source || "unknown outlet", h.published || "undated"].join(" · ");
}
// The snippet with its highlights as <mark>: highlights are byte offsets
// into the UTF-8 text, so they are cut out of its bytes.
function snippet(s) {
  const p = el("p", { class: "snippet", lang: "fr" });
  if (!s || !s.text) return p;
  const bytes = new TextEncoder().encode(s.text);
  const dec = new TextDecoder();
  let pos = 0;
  for (const [start, end] of s.highlights || []) {
    if (start < pos || end > bytes.length || start >= end) continue;
    p.append(dec.decode(bytes.subarray(pos, start)));
    p.append(el("mark", { text: dec.decode(bytes.subarray(start, end)) }));
    pos = end;
  }
  p.append(dec.decode(bytes.subarray(pos)));
  return p;
}
function articleHref(id) {
  return withChange((p) => { p.set("article", id); });
}
function filterHref(kind, name) {
  const p = new URLSearchParams();
  p.append(kind, name);
  return href(p);
}

// ---- rendering ----
function showError(msg) {
  const e = $("error");
  e.textContent = msg || "";
  e.hidden = !msg;
}

function fillForm(p) {
  $("q").value = p.get("q") || "";
  $("sort").value = p.get("sort") === "date" ? "date" : "relevance";
  $("any").checked = p.get("any") === "1";
  $("from").value = p.get("from") || "";
  $("to").value = p.get("to") || "";
}

function renderFilterBar(p) {
  const bar = $("filters");
  bar.replaceChildren();
  for (const k of MULTI) {
    for (const v of p.getAll(k)) {
      const url = withChange((q) => {
        const rest = q.getAll(k).filter((x) => x !== v);
        q.delete(k);
        for (const x of rest) q.append(k, x);
        q.delete("offset"); q.delete("article");
      });
      bar.append(el("a", { class: "chip", href: url, "data-nav": true, "aria-label": `Remove filter ${LABEL[k]}: ${v}` },
        el("span", { class: "kind", text: LABEL[k] }), v, el("span", { "aria-hidden": "true", text: "×" })));
    }
  }
  if (p.get("from") || p.get("to")) {
    const url = withChange((q) => { q.delete("from"); q.delete("to"); q.delete("offset"); q.delete("article"); });
    const range = `${p.get("from") || "…"} – ${p.get("to") || "…"}`;
    bar.append(el("a", { class: "chip", href: url, "data-nav": true, "aria-label": `Remove dates ${range}` },
      el("span", { class: "kind", text: "Dates" }), range, el("span", { "aria-hidden": "true", text: "×" })));
  }
  if (bar.children.length > 1) {
    const p2 = new URLSearchParams();
    if (p.get("q")) p2.set("q", p.get("q"));
    bar.append(el("a", { class: "chip chip-clear", href: href(p2), "data-nav": true, text: "Clear all filters" }));
  }
}

function toggleFilter(kind, name) {
  go(withChange((p) => {
    const vals = p.getAll(kind);
    p.delete(kind);
    if (vals.includes(name)) { for (const v of vals) if (v !== name) p.append(kind, v); }
    else { for (const v of vals) p.append(kind, v); p.append(kind, name); }
    p.delete("offset"); p.delete("article");
  }));
}

function renderFacets(p, facets) {
  const box = $("facets");
  box.replaceChildren();
  const kinds = [...KINDS, ["year", "year", "Year"]];
  for (const [key, param, label] of kinds) {
    const counts = (facets && facets[key]) || {};
    let entries = Object.entries(counts);
    if (!entries.length) continue;
    if (key === "year") entries.sort((a, b) => b[0].localeCompare(a[0]));
    else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    entries = entries.slice(0, FACETS_SHOWN);
    const id = `facet-${key}`;
    const list = el("ul", { class: "facet", "aria-labelledby": id });
    for (const [name, n] of entries) {
      const year = key === "year";
      const active = year
        ? p.get("from") === name && p.get("to") === name
        : p.getAll(param).includes(name);
      const b = el("button", { type: "button", "aria-pressed": active ? "true" : "false", "data-kind": param, "data-name": name },
        el("span", { class: "name", text: name }), el("span", { class: "n", text: n.toLocaleString("en") }));
      b.addEventListener("click", () => {
        if (!year) return toggleFilter(param, name);
        go(withChange((q) => {
          if (active) { q.delete("from"); q.delete("to"); }
          else { q.set("from", name); q.set("to", name); }
          q.delete("offset"); q.delete("article");
        }));
      });
      list.append(el("li", {}, b));
    }
    box.append(el("h2", { id, text: label }), list);
  }
}

function renderHits(p, res) {
  const list = $("hits");
  list.replaceChildren();
  const offset = Number(p.get("offset") || 0);
  res.hits.forEach((h, i) => {
    const li = el("li", { class: "hit", value: offset + i + 1 });
    li.append(el("h2", { lang: "fr" }, el("a", { href: articleHref(h.id), "data-nav": true, class: "title", text: h.title || h.id })));
    li.append(el("p", { class: "meta", text: metaLine(h) }));
    li.append(snippet(h.snippet));
    if (h.copies && h.copies.length) {
      const c = el("p", { class: "copies" }, "also in: ");
      h.copies.forEach((copy, j) => {
        if (j) c.append(", ");
        const label = [copy.source || "unknown outlet", copy.published].filter(Boolean).join(", ");
        c.append(el("a", { href: articleHref(copy.id), "data-nav": true, text: label }));
      });
      li.append(c);
    }
    list.append(li);
  });
  const pager = $("pager");
  pager.replaceChildren();
  if (offset > 0) {
    const prev = withChange((q) => { const o = Math.max(0, offset - PAGE); if (o) q.set("offset", o); else q.delete("offset"); });
    pager.append(el("a", { href: prev, "data-nav": true, rel: "prev", text: "← Previous" }));
  } else pager.append(el("span"));
  if (offset + res.hits.length < res.stories) {
    const next = withChange((q) => q.set("offset", offset + PAGE));
    pager.append(el("a", { href: next, "data-nav": true, rel: "next", text: "Next →" }));
  }
}

// The timeline: one bar per month; dragging over it (or clicking one bar)
// sets the date filter to the months covered.
function renderTimeline(p, counts) {
  const fig = $("timeline");
  const box = $("chart");
  box.replaceChildren();
  const months = Object.keys(counts || {});
  if (months.length < 2) { fig.hidden = true; return; }
  fig.hidden = false;
  const W = 800, H = 90, top = 4, bottom = 16;
  const max = Math.max(1, ...Object.values(counts));
  const bw = W / months.length;
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img",
    "aria-label": `Hits per month from ${months[0]} to ${months[months.length - 1]}` });
  const from = (p.get("from") || "").slice(0, 7), to = (p.get("to") || "").slice(0, 7);
  months.forEach((m, i) => {
    const n = counts[m];
    const h = n ? Math.max(1.5, (H - top - bottom) * n / max) : 0;
    const out = (from && m < from) || (to && m > to);
    const r = svg("rect", { x: i * bw + bw * 0.1, y: H - bottom - h, width: Math.max(0.5, bw * 0.8), height: h, class: out ? "bar out" : "bar" });
    const t = svg("title", {}); t.textContent = `${m}: ${n}`; r.append(t);
    s.append(r);
    if (m.endsWith("-01") || i === 0) {
      const lab = svg("text", { x: i * bw + 1, y: H - 3, class: "axis" });
      lab.textContent = m.slice(0, 4);
      s.append(lab);
    }
  });
  const sel = svg("rect", { x: 0, y: 0, width: 0, height: H - bottom, class: "sel", visibility: "hidden" });
  s.append(sel);
  const index = (ev) => {
    const b = s.getBoundingClientRect();
    const i = Math.floor((ev.clientX - b.left) / b.width * months.length);
    return Math.min(months.length - 1, Math.max(0, i));
  };
  let start = null;
  const draw = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    sel.setAttribute("x", lo * bw); sel.setAttribute("width", (hi - lo + 1) * bw);
    sel.setAttribute("visibility", "visible");
  };
  s.addEventListener("pointerdown", (ev) => { start = index(ev); s.setPointerCapture(ev.pointerId); draw(start, start); ev.preventDefault(); });
  s.addEventListener("pointermove", (ev) => { if (start !== null) draw(start, index(ev)); });
  s.addEventListener("pointerup", (ev) => {
    if (start === null) return;
    const end = index(ev);
    const [lo, hi] = start <= end ? [start, end] : [end, start];
    start = null;
    go(withChange((q) => { q.set("from", months[lo]); q.set("to", months[hi]); q.delete("offset"); q.delete("article"); }));
  });
  box.append(s);
}

async function renderSearch(p, gen) {
  $("article").hidden = true;
  $("results").hidden = false;
  const params = searchParams(p);
  const shown = new URLSearchParams(params);
  shown.set("limit", PAGE);
  if (p.get("offset")) shown.set("offset", p.get("offset"));
  shown.set("facets", FACETS_SHOWN);
  // The timeline leaves the dates out, so a range can be widened again.
  const undated = new URLSearchParams(params);
  undated.delete("from"); undated.delete("to"); undated.delete("sort");
  $("status").textContent = "Searching…";
  let res, tl;
  try {
    [res, tl] = await Promise.all([api("/api/search", shown), api("/api/timeline", undated)]);
  } catch (e) {
    if (gen !== generation) return;
    $("status").textContent = "";
    showError(e.message);
    $("hits").replaceChildren(); $("pager").replaceChildren(); $("facets").replaceChildren();
    $("timeline").hidden = true;
    return;
  }
  if (gen !== generation) return;
  showError("");
  const offset = Number(p.get("offset") || 0);
  let status = res.total ? `${countLine(res.total, res.stories)} (showing ${offset + 1}–${offset + res.hits.length})` : "No article matches.";
  if (res.notes && res.notes.length) status += " — " + res.notes.join("; ");
  $("status").textContent = status;
  document.title = (p.get("q") ? p.get("q") + " – " : "") + "fouille";
  renderHits(p, res);
  renderFacets(p, res.facets);
  renderTimeline(p, tl.counts);
}

// The body with each entity mention as a link to its facet: mentions are
// found as whole words, the longest first, never overlapping.
function markedBody(a) {
  const mentions = [];
  for (const [kind, list] of [["place", a.places], ["org", a.organisations], ["person", a.people]]) {
    for (const e of list || []) {
      const forms = new Set([...(e.mentions || []), e.name]);
      for (const f of forms) if (f && f.length > 1) mentions.push({ form: f, kind, name: e.name });
    }
  }
  mentions.sort((x, y) => y.form.length - x.form.length);
  const letter = /[\p{L}\p{N}]/u;
  const body = el("div", { class: "body", lang: "fr" });
  for (const para of (a.body || "").split(/\n+/)) {
    if (!para.trim()) continue;
    const taken = [];
    for (const m of mentions) {
      let i = para.indexOf(m.form);
      while (i !== -1) {
        const j = i + m.form.length;
        const whole = !(i > 0 && letter.test(para[i - 1])) && !(j < para.length && letter.test(para[j]));
        if (whole && !taken.some(([s, e]) => i < e && j > s)) taken.push([i, j, m]);
        i = para.indexOf(m.form, j);
      }
    }
    taken.sort((x, y) => x[0] - y[0]);
    const pEl = el("p");
    let pos = 0;
    for (const [s, e, m] of taken) {
      pEl.append(para.slice(pos, s));
      pEl.append(el("a", { class: `ent ent-${m.kind}`, href: filterHref(m.kind, m.name), "data-nav": true,
        title: `${LABEL[m.kind]}: ${m.name}`, text: para.slice(s, e) }));
      pos = e;
    }
    pEl.append(para.slice(pos));
    body.append(pEl);
  }
  return body;
}

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_) { return null; }
}

async function renderArticle(p, gen) {
  const id = p.get("article");
  const box = $("article");
  $("results").hidden = true;
  box.hidden = false;
  $("status").textContent = "Loading the article…";
  let a, sim;
  try {
    [a, sim] = await Promise.all([
      api("/api/article/" + encodeURIComponent(id)),
      api("/api/similar/" + encodeURIComponent(id), new URLSearchParams({ limit: "8" })).catch(() => ({ hits: [] })),
    ]);
  } catch (e) {
    if (gen !== generation) return;
    $("status").textContent = "";
    showError(e.message);
    box.replaceChildren();
    return;
  }
  if (gen !== generation) return;
  showError("");
  $("status").textContent = "";
  document.title = (a.title || a.id) + " – fouille";
  const back = withChange((q) => q.delete("article"));
  const dl = el("dl");
  const row = (k, v) => { if (v !== null && v !== undefined && v !== "") dl.append(el("dt", { text: k }), el("dd", {}, v)); };
  row("Outlet", a.source);
  row("Published", a.published);
  row("Authors", (a.authors || []).join(", "));
  row("Agencies", (a.wire_sources || []).join(", "));
  const url = a.url && safeUrl(a.url);
  if (url) row("Original", el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url }));
  row("Id", a.id);
  const ents = el("div", { class: "entities" });
  for (const [kind, list, label] of [["place", a.places, "Places"], ["org", a.organisations, "Organisations"], ["person", a.people, "People"]]) {
    if (!list || !list.length) continue;
    const d = el("p", {}, el("strong", { text: label + ": " }));
    for (const e of list) d.append(el("a", { class: `ent ent-${kind}`, href: filterHref(kind, e.name), "data-nav": true, text: e.name }), " ");
    ents.append(d);
  }
  const similar = el("ol", { class: "similar" });
  for (const h of sim.hits || []) {
    similar.append(el("li", {}, el("a", { href: withChange((q) => q.set("article", h.id)), "data-nav": true, text: h.title || h.id, lang: "fr" }),
      el("span", { class: "meta", text: " — " + metaLine(h) })));
  }
  const h1 = el("h1", { tabindex: "-1", lang: "fr", text: a.title || a.id });
  box.replaceChildren(
    el("a", { class: "back", href: back, "data-nav": true, text: "← Back to the results" }),
    h1, dl, ents, markedBody(a),
    el("h2", { text: "Similar articles" }),
    (sim.hits || []).length ? similar : el("p", { class: "note", text: "None found." }),
  );
  h1.focus();
}

async function render() {
  const gen = ++generation;
  const p = state();
  fillForm(p);
  renderFilterBar(p);
  if (p.get("article")) await renderArticle(p, gen);
  else await renderSearch(p, gen);
  document.body.dataset.ready = String(gen);
}

// ---- wiring (no inline handlers: the CSP forbids them) ----
document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    go(withChange((p) => {
      const q = $("q").value.trim();
      if (q) p.set("q", q); else p.delete("q");
      if ($("sort").value === "date") p.set("sort", "date"); else p.delete("sort");
      if ($("any").checked) p.set("any", "1"); else p.delete("any");
      p.delete("offset"); p.delete("article");
    }));
  });
  $("dates").addEventListener("submit", (ev) => {
    ev.preventDefault();
    go(withChange((p) => {
      for (const k of ["from", "to"]) {
        const v = $(k).value.trim();
        if (v) p.set(k, v); else p.delete(k);
      }
      p.delete("offset"); p.delete("article");
    }));
  });
  // Links inside the page change the URL without reloading it; a click
  // with a modifier (new tab) is left to the browser.
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-nav]");
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    go(a.getAttribute("href"));
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
    ev.preventDefault();
    $("q").focus();
    $("q").select();
  });
  window.addEventListener("popstate", render);
  render();
});
