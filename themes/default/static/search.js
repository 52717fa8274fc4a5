/* gongkai offline search. Markup contract: docs/search.md. No dependencies; fetches only
   the site's own search/ files. Mirrors src/render/search (query.rs, text.rs, postings.rs). */
(function () {
  "use strict";
  var root = document.documentElement;
  var meta = document.querySelector('meta[name="gongkai-base"]');
  var base = root.dataset.base || (meta && meta.content) || "/";
  if (base.slice(-1) !== "/") base += "/";
  var PAGE = 20, cache = {};
  var RANK = ["CodePrefix", "Title", "Alias", "Pinyin", "Code", "Result", "Department", "Other", "Low"];

  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[path];
  }
  function normChar(c) {
    var u = c.codePointAt(0);
    if (u >= 0xFF01 && u <= 0xFF5E) c = String.fromCodePoint(u - 0xFEE0);
    else if (u === 0x3000 || u < 0x20 || (u >= 0x7F && u <= 0x9F)) c = " ";
    return c >= "A" && c <= "Z" ? c.toLowerCase() : c;
  }
  function norm(s) { return Array.from(s).map(normChar); }
  function fnv(s) {
    var h = 0x811c9dc5, b = new TextEncoder().encode(s);
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function offsets(n) {
    var o = [];
    for (var i = 0; i + 1 < n; i += 2) o.push(i);
    if (n >= 2 && o[o.length - 1] !== n - 2) o.push(n - 2);
    return o;
  }
  function decode(d) { /* [docDelta, pos*8+field, (-run)?]... */
    var out = [], doc = 0, i = 0;
    while (d && i + 1 < d.length && d[i] >= 0 && d[i + 1] >= 0) {
      doc += d[i]; var fp = d[i + 1]; out.push([doc, fp]); i += 2;
      if (d[i] < 0) { for (var k = 1; k <= -d[i]; k++) out.push([doc + k, fp]); doc -= d[i]; i++; }
    }
    return out;
  }
  function find(hay, needle) {
    outer: for (var i = 0; i + needle.length <= hay.length; i++) {
      for (var j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  function better(a, b) { return a.r < b.r || (a.r === b.r && a.s < b.s); }

  /* One word's matches, offered into best: fields 0 title, 1 code, 2 pinyin, 3 other,
     4 result/FAQ question, 5 low (FAQ answer, steps). */
  function wordMatches(m, word, offer) {
    var offs = offsets(word.length), t = word.join("");
    return Promise.all(offs.map(function (off) {
      var g = word.slice(off, off + 2).join("");
      return get("search/p/" + (fnv(g) % m.shards) + ".json").then(function (s) {
        return decode(s && s[g]);
      });
    })).then(function (lists) {
      var found = null;
      lists.forEach(function (list, k) {
        var here = new Set();
        list.forEach(function (p) {
          var pos = p[1] >> 3, f = p[1] & 7;
          if (pos >= offs[k] && (!found || found.has(p[0] + ":" + f + ":" + (pos - offs[k]))))
            here.add(p[0] + ":" + f + ":" + (pos - offs[k]));
        });
        found = here;
      });
      (found || []).forEach(function (key) {
        var a = key.split(":").map(Number), f = a[1], s = a[2];
        var r = f === 0 ? 1 : f === 6 ? 2 : f === 2 ? 3 : f === 1 ? (s === 0 ? 0 : 4) : f === 4 ? 5 : f === 3 ? 7 : 8;
        offer(a[0], { r: r, s: s, o: -1, n: word.length, t: t });
      });
      var orgs = [];
      m.orgs.forEach(function (o, i) { var s = find(norm(o), word); if (s >= 0) orgs.push([i, s]); });
      return Promise.all(orgs.map(function (x) {
        return get("search/o/" + x[0] + ".json").then(function (ids) {
          var doc = 0;
          (ids || []).forEach(function (d) {
            doc += d; offer(doc, { r: 6, s: x[1], o: x[0], n: word.length, t: t });
          });
        });
      }));
    });
  }
  /* A term and the formal words it stands for ("=" + term in the shard of its first bigram). */
  function termMatches(m, term) {
    var g = term.slice(0, 2).join(""), best = new Map();
    function offer(doc, b) { var e = best.get(doc); if (!e || better(b, e)) best.set(doc, b); }
    return get("search/p/" + (fnv(g) % m.shards) + ".json").then(function (s) {
      var words = [term], seen = [term.join("")];
      ((s && s["=" + term.join("")]) || []).forEach(function (w) {
        var n = norm(w);
        if (n.length >= 2 && seen.indexOf(n.join("")) < 0) { seen.push(n.join("")); words.push(n); }
      });
      var chain = Promise.resolve();
      words.forEach(function (w) { chain = chain.then(function () { return wordMatches(m, w, offer); }); });
      return chain.then(function () { return best; });
    });
  }

  function query(q) {
    return get("search/index.json").then(function (m) {
      if (!m) return [];
      var terms = [], cur = [];
      norm(q).concat([" "]).forEach(function (c) {
        if (c === " ") { if (cur.length >= 2) terms.push(cur); cur = []; } else cur.push(c);
      });
      if (!terms.length) return [];
      return Promise.all(terms.map(function (t) { return termMatches(m, t); })).then(function (maps) {
        var best = maps[0];
        maps.slice(1).forEach(function (o) {
          var next = new Map();
          best.forEach(function (b, doc) { var x = o.get(doc); if (x) next.set(doc, better(x, b) ? x : b); });
          best = next;
        });
        /* Items carried out on people (runs of ids in m.late) after the others with the
           same kind of match; the flag is looked up once a result, not in every comparison. */
        var runs = m.late || [];
        var late = function (doc) {
          return runs.some(function (x) { return doc >= x[0] && doc < x[1]; }) ? 1 : 0;
        };
        var keyed = Array.from(best.entries()).map(function (e) { return [e[0], e[1], late(e[0])]; });
        keyed.sort(function (a, b) {
          return a[1].r - b[1].r || a[2] - b[2] || a[1].s - b[1].s || a[0] - b[0];
        });
        var ranked = keyed.map(function (e) { return [e[0], e[1]]; });
        ranked.manifest = m;
        return ranked;
      });
    });
  }

  /* Same-sound near matches (sounds.rs): the query's characters to folded toneless pinyin
     (search/pinyin.json), each adjacent pair looked up in the sound shards search/s/, pairs
     sharing a character chained into words, the words a search finds offered. */
  var CHAINS = 50, TRIES = 8, SUGGESTIONS = 3, table = null;
  function fold(s) {
    if (/^[zcs]h/.test(s)) s = s[0] + s.slice(2);
    if (s[0] === "n" && s.length > 1 && s !== "ng") s = "l" + s.slice(1);
    if (s.length > 2 && s.slice(-2) === "ng") s = s.slice(0, -2) + "n";
    return s;
  }
  function cmp(a, b) { return a.codePointAt(0) - b.codePointAt(0); }
  function sounds(q) {
    var c = norm(q), a = 0, z = c.length;
    while (a < z && c[a] === " ") a++;
    while (z > a && c[z - 1] === " ") z--;
    c = c.slice(a, z);
    if (c.length < 2 || c.length > 12 || c.indexOf(" ") >= 0) return Promise.resolve([]);
    return get("search/index.json").then(function (m) {
      if (!m || !m.sounds) return [];
      return get("search/pinyin.json").then(function (t) {
        if (!table) {
          table = new Map();
          Object.keys(t || {}).forEach(function (syl) {
            var f = fold(syl);
            Array.from(t[syl]).forEach(function (ch) { table.set(ch, f); });
          });
        }
        var s = c.map(function (ch) { return table.get(ch); });
        if (s.some(function (x) { return x === undefined; })) return [];
        var keys = [];
        for (var i = 0; i + 1 < s.length; i++) keys.push(s[i] + " " + s[i + 1]);
        return Promise.all(keys.map(function (k) {
          return get("search/s/" + (fnv(k) % m.sounds) + ".json").then(function (sh) {
            return Array.from((sh && typeof sh[k] === "string" && sh[k]) || "");
          });
        })).then(function (lists) {
          var cands = [];
          for (var i = 0; i < lists.length; i++) {
            var l = lists[i], pairs = [], at = i;
            for (var j = 0; j + 1 < l.length; j += 2) pairs.push([l[j], l[j + 1]]);
            if (!pairs.length) return [];
            var diff = function (p) { return (p[0] !== c[at] ? 1 : 0) + (p[1] !== c[at + 1] ? 1 : 0); };
            pairs.sort(function (x, y) { return diff(x) - diff(y) || cmp(x[0], y[0]) || cmp(x[1], y[1]); });
            cands.push(pairs);
          }
          var chains = [], steps = 0, stack = cands[0].slice().reverse().map(function (p) { return [1, p.slice()]; });
          while (stack.length) {
            var top = stack.pop(), w = top[1];
            if (chains.length >= CHAINS || ++steps > 20 * CHAINS) break;
            if (top[0] === cands.length) { if (w.join("") !== c.join("")) chains.push(w); continue; }
            var last = w[w.length - 1];
            cands[top[0]].slice().reverse().forEach(function (p) {
              if (p[0] === last) stack.push([top[0] + 1, w.concat([p[1]])]);
            });
          }
          var changed = function (w) { var n = 0; w.forEach(function (x, k) { if (x !== c[k]) n++; }); return n; };
          chains.sort(function (x, y) { return changed(x) - changed(y); });
          var out = [], chain = Promise.resolve();
          chains.slice(0, TRIES).forEach(function (w) {
            chain = chain.then(function () {
              if (out.length >= SUGGESTIONS) return;
              return query(w.join("")).then(function (r) { if (r.length) out.push({ word: w.join(""), total: r.length }); });
            });
          });
          return chain.then(function () { return out; });
        });
      });
    });
  }

  function hits(ranked, from) {
    var m = ranked.manifest;
    return Promise.all(ranked.slice(from, from + PAGE).map(function (e) {
      var doc = e[0], b = e[1];
      return get("search/r/" + Math.floor(doc / m.per) + ".json").then(function (rs) {
        var rec = (rs && rs[doc % m.per]) || [0, -1, "", ""], ty = m.types[rec[0]] || ["", "", ""];
        var code = rec[4] || (ty[1] === "services" ? rec[3] : null);
        var label = b.r === 5 ? ty[3] : b.r === 8 ? ty[4] : b.r === 2 ? "俗称" : ty[2];
        return { kind: ty[0], other: label, dept: m.orgs[rec[1]], title: rec[2], code: code,
                 url: ty[1] + "/" + rec[3] + "/", field: RANK[b.r], start: b.s, len: b.n,
                 org: m.orgs[b.o], term: b.t };
      });
    }));
  }

  function marked(el, text, start, len) {
    var c = Array.from(text || "");
    el.append(c.slice(0, start).join(""));
    var mk = document.createElement("mark");
    mk.textContent = c.slice(start, start + len).join("");
    el.append(mk, c.slice(start + len).join(""));
  }
  function item(h) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = base + h.url;
    if (h.field === "Title" || h.field === "Pinyin") marked(a, h.title, h.start, h.len);
    else a.textContent = h.title;
    var info = document.createElement("span");
    info.className = "search-meta";
    info.append(" " + h.kind);
    var dept = h.field === "Department" ? h.org : h.dept;
    if (dept) {
      info.append(" · ");
      if (h.field === "Department") marked(info, dept, h.start, h.len); else info.append(dept);
    }
    if (h.code) {
      info.append(" · ");
      if (h.field === "Code" || h.field === "CodePrefix") marked(info, h.code, h.start, h.len);
      else info.append(h.code);
    }
    if (h.field === "Alias" || h.field === "Other" || h.field === "Result" || h.field === "Low") { info.append(" · " + h.other + "含“"); marked(info, h.term, 0, h.len); info.append("”"); }
    li.append(a, info);
    return li;
  }

  function attach(form) {
    var input = form.querySelector('input[name="q"]');
    var out = form.querySelector("[data-search-results]") || document.querySelector("[data-search-results]");
    if (!input || !out) return;
    var status = form.querySelector("[data-search-status]") || out.querySelector("[data-search-status]");
    if (!status) {
      status = document.createElement("p");
      status.setAttribute("data-search-status", "");
      out.before(status);
    }
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = document.createElement("ol"), more = document.createElement("button");
    list.className = "search-results";
    more.type = "button"; more.textContent = "显示更多"; more.hidden = true;
    var suggest = document.createElement("p");
    suggest.className = "search-suggest"; suggest.hidden = true;
    out.replaceChildren(list, more, suggest);
    var seq = 0, ranked = [], shown = 0, empty = document.querySelector("[data-search-empty]");

    function page() {
      var mine = seq;
      return hits(ranked, shown).then(function (hs) {
        if (mine !== seq) return;
        hs.forEach(function (h) { list.append(item(h)); });
        shown += hs.length;
        out.classList.toggle("has-results", shown > 0);
        more.hidden = shown >= ranked.length;
        status.textContent = ranked.length ? "找到 " + ranked.length + " 项结果" +
          (shown < ranked.length ? "，显示前 " + shown + " 项" : "") : "没有找到结果";
      });
    }
    function run() {
      var q = input.value.trim(), mine = ++seq;
      list.replaceChildren(); more.hidden = true; ranked = []; shown = 0;
      suggest.replaceChildren(); suggest.hidden = true;
      out.classList.remove("has-results");
      if (empty) empty.hidden = true;
      if (!q) { status.textContent = ""; return; }
      if (norm(q).filter(function (c) { return c !== " "; }).length < 2) {
        status.textContent = "请输入至少两个字或字母"; return;
      }
      query(q).then(function (r) {
        if (mine !== seq) return;
        if (r.length) { ranked = r; page(); return; }
        /* Nothing found: try the query with one character left out (a typo or an extra
           character), then show what else to do. */
        var c = Array.from(q), tries = [];
        if (c.length >= 3) for (var i = 0; i < c.length; i++) tries.push(c.slice(0, i).concat(c.slice(i + 1)).join(""));
        var chain = Promise.resolve(null);
        tries.forEach(function (t) {
          chain = chain.then(function (got) { return got || query(t).then(function (x) { return x.length ? [t, x] : null; }); });
        });
        /* And words that sound the same (低宝 → 低保), offered after those results. */
        Promise.all([chain, sounds(q)]).then(function (res) {
          var got = res[0], like = res[1];
          if (mine !== seq) return;
          if (empty) empty.hidden = false;
          if (like.length) {
            suggest.append("您要找的是不是：");
            like.forEach(function (x, k) {
              var a = document.createElement("a");
              a.href = base + "search/?q=" + encodeURIComponent(x.word);
              a.textContent = x.word;
              suggest.append(k ? "、" : "", a, "（" + x.total + " 项）");
            });
          }
          if (!empty) {
            /* Not on the search page: point to it for topics, the catalogue and the phone. */
            var go = document.createElement("a");
            go.href = base + "search/?q=" + encodeURIComponent(q);
            go.textContent = "搜索页";
            if (like.length) suggest.append(document.createElement("br"));
            suggest.append("没找到想要的，可以到", go, "按主题查找、换个说法或电话咨询。");
          }
          if (suggest.childNodes.length) {
            suggest.hidden = false;
            out.classList.add("has-results");
          }
          if (!got) { status.textContent = like.length ? "没有找到“" + q + "”的结果" : "没有找到结果"; return; }
          ranked = got[1];
          page().then(function () {
            if (mine === seq) status.textContent = "没有找到“" + q + "”，下面是“" + got[0] + "”的结果（共 " + ranked.length + " 项）";
          });
        });
      });
    }
    var timer;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; run(); }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    more.addEventListener("click", page);
    var q0 = form.hasAttribute("data-search-ignore-url") ? null
      : new URLSearchParams(location.search).get("q");
    if (q0 && !input.value) input.value = q0;
    if (input.value) run();
  }

  window.gongkaiSearch = { query: query, hits: hits, sounds: sounds };
  document.querySelectorAll("form[data-search]").forEach(attach);
})();
