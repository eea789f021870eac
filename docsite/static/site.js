/* semview catalog: SQL tabs, copy buttons and the offline search. No libraries, no network:
   the search index is the JSON embedded in index.html, so it also works from file://. */
(function () {
  "use strict";

  var DIALECT_KEY = "semview-dialect";

  function remember(name) {
    try { window.localStorage.setItem(DIALECT_KEY, name); } catch (e) { /* storage may be off: fine */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(DIALECT_KEY); } catch (e) { return null; }
  }

  /* -- SQL tabs ------------------------------------------------------------------------ */

  function select(container, dialect) {
    var tabs = container.querySelectorAll('[role="tab"]');
    var found = false;
    tabs.forEach(function (tab) { if (tab.dataset.dialect === dialect) { found = true; } });
    if (!found) { return false; }
    tabs.forEach(function (tab) {
      var on = tab.dataset.dialect === dialect;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
    });
    container.querySelectorAll('[role="tabpanel"]').forEach(function (panel) {
      panel.hidden = panel.dataset.dialect !== dialect;
    });
    return true;
  }

  document.querySelectorAll(".sql-tabs").forEach(function (container) {
    var tabs = Array.prototype.slice.call(container.querySelectorAll('[role="tab"]'));
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () {
        select(container, tab.dataset.dialect);
        remember(tab.dataset.dialect);
      });
      tab.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) { return; }
        var next = tabs[(i + step + tabs.length) % tabs.length];
        next.focus();
        next.click();
      });
    });
    var saved = remembered();
    if (saved) { select(container, saved); }
  });

  /* -- copy buttons -------------------------------------------------------------------- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy refused")); }
      catch (e) { reject(e); }
      document.body.removeChild(area);
    });
  }

  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var target = document.getElementById(button.dataset.copy);
      if (!target) { return; }
      copyText(target.textContent).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Select and copy";
      });
      window.setTimeout(function () { button.textContent = "Copy"; }, 1600);
    });
  });

  /* -- search (index page only) -------------------------------------------------------- */

  var data = document.getElementById("search-data");
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !list) { return; }
  var entries = JSON.parse(data.textContent);
  var ORDER = ["view", "metric", "column", "entity", "source", "source column", "rollup", "mapping", "mapped field",
    "section"];
  entries.forEach(function (e, i) {
    e.i = i;
    e.name = e.n.toLowerCase();
    e.hay = (e.n + " " + e.c + " " + e.d + " " + e.t).toLowerCase();
  });

  function rank(e, q) {
    if (e.name === q) { return 0; }
    if (e.name.indexOf(q) === 0) { return 1; }
    if (e.name.indexOf(q) >= 0) { return 2; }
    return 3;
  }

  function render(query) {
    var q = query.trim().toLowerCase();
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    var terms = q.split(/\s+/);
    var hits = entries.filter(function (e) {
      return terms.every(function (t) { return e.hay.indexOf(t) >= 0; });
    });
    hits.sort(function (a, b) {
      return (rank(a, q) - rank(b, q)) || (ORDER.indexOf(a.t) - ORDER.indexOf(b.t)) || (a.i - b.i);
    });
    status.textContent = hits.length === 0 ? "No match." : hits.length + " match" + (hits.length === 1 ? "" : "es") +
      (hits.length > 100 ? " (first 100 shown)" : "");
    hits.slice(0, 100).forEach(function (e) {
      var li = document.createElement("li");
      li.className = "result";
      li.dataset.type = e.t;
      var kind = document.createElement("span");
      kind.className = "t";
      kind.textContent = e.t;
      var link = document.createElement("a");
      link.href = e.u;
      link.textContent = e.n;
      li.appendChild(kind);
      li.appendChild(link);
      if (e.c) {
        var context = document.createElement("span");
        context.className = "c";
        context.textContent = e.c;
        li.appendChild(context);
      }
      if (e.d) {
        var desc = document.createElement("span");
        desc.className = "d";
        desc.textContent = e.d;
        li.appendChild(desc);
      }
      list.appendChild(li);
    });
  }

  input.addEventListener("input", function () { render(input.value); });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    input.value = params.get("q");
  }
  render(input.value);
}());
