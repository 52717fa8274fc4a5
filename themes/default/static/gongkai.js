/* gongkai default theme: the 大字 switch. The catalogue is browsed through its paginated
   facet listings and searched with search.js.
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
})();
