/* gongkai default theme: the 大字 switch and instant catalogue filtering.
   Everything works without this file; it only adds conveniences. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "gongkai-large";

  // 大字 (large text), remembered on this device.
  var toggle = document.querySelector(".size-toggle");
  if (toggle) {
    var set = function (on) {
      root.classList.toggle("large", on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "标准字" : "大字";
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    };
    set(root.classList.contains("large"));
    toggle.hidden = false;
    toggle.addEventListener("click", function () { set(!root.classList.contains("large")); });
  }

  // Catalogue: filter the list in place.
  var form = document.getElementById("filters");
  var list = document.getElementById("catalogue");
  if (!form || !list) { return; }
  var rows = Array.prototype.slice.call(list.children);
  var texts = rows.map(function (li) { return li.textContent.toLowerCase(); });
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var q = document.getElementById("f-q");
  var shown = document.getElementById("shown");
  var none = document.getElementById("none");
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { q.value = params.get("q"); }
  selects.forEach(function (s) {
    var v = params.get(s.name);
    if (v !== null) { s.value = v; }
  });

  function apply() {
    var words = q.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = selects.map(function (s) { return [s.getAttribute("data-facet"), s.value]; })
      .filter(function (p) { return p[1] !== ""; });
    var count = 0;
    for (var i = 0; i < rows.length; i++) {
      var li = rows[i];
      var ok = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      for (var j = 0; ok && j < wanted.length; j++) {
        var have = (li.getAttribute("data-" + wanted[j][0]) || "").split(" ");
        ok = have.indexOf(wanted[j][1]) !== -1;
      }
      li.hidden = !ok;
      if (ok) { count++; }
    }
    shown.textContent = String(count);
    none.hidden = count !== 0;
    var p = new URLSearchParams();
    if (q.value.trim()) { p.set("q", q.value.trim()); }
    wanted.forEach(function (w) { p.set(w[0], w[1]); });
    var qs = p.toString();
    history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
  }
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  q.addEventListener("input", apply);
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
