// ConOps web UI: filters, live updates from server-sent events, relative times, the log panel.
// Served as a file of its own: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  function fetchFragment(url, apply) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (res) {
      if (res.redirected && res.url.indexOf("/ui/login") >= 0) {
        window.location.reload(); // the session ended
        return;
      }
      if (res.status === 404) {
        apply(null);
        return;
      }
      if (!res.ok) return;
      return res.text().then(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html.trim();
        apply(t.content.firstElementChild);
      });
    });
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  // --- relative times: the exact time stays in the title; the words age in the browser ---
  function ago(seconds) {
    if (seconds < 10) return "just now";
    if (seconds < 60) return seconds + " s ago";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
    if (seconds < 86400) return Math.floor(seconds / 3600) + " h ago";
    return Math.floor(seconds / 86400) + " d ago";
  }
  function refreshTimes() {
    document.querySelectorAll("time[datetime]").forEach(function (el) {
      var at = Date.parse(el.getAttribute("datetime"));
      if (!isNaN(at)) el.textContent = ago(Math.max(0, Math.floor((Date.now() - at) / 1000)));
    });
  }

  // --- dashboard filters ---
  function applyFilters() {
    var status = document.getElementById("filter-status");
    var health = document.getElementById("filter-health");
    var search = document.getElementById("filter-search");
    if (!status) return;
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("tr.app-row").forEach(function (row) {
      var ok = (!status.value || row.dataset.status === status.value) &&
        (!health.value || row.dataset.health === health.value) &&
        (!q || row.dataset.search.indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) shown++;
    });
    var none = document.querySelector("tr.no-match");
    if (none) none.hidden = shown > 0;
  }

  function events(onApp) {
    var source = new EventSource("/ui/events");
    source.addEventListener("app", function (e) { onApp(e.data); });
    // after a reconnect, changes may have been missed: fetch once
    source.addEventListener("ready", function () { onApp(null); });
    return source;
  }

  function dashboard() {
    ["filter-status", "filter-health", "filter-search"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        el.addEventListener("input", applyFilters);
        el.addEventListener("change", applyFilters);
      }
    });
    applyFilters();
    var refresh = debounce(function () {
      fetchFragment("/ui/fragments/apps", function (tbody) {
        var old = document.getElementById("rows");
        if (!old) {
          // the empty page has no table: reload when the first app arrived, not at every "ready"
          if (tbody && tbody.querySelector("tr.app-row")) window.location.reload();
          return;
        }
        if (tbody) {
          old.replaceWith(tbody);
          applyFilters();
          refreshTimes();
        }
      });
    }, 250);
    events(function () { refresh(); });
  }

  function appPage(main) {
    var id = main.dataset.appId;
    var name = main.dataset.appName;
    var refresh = debounce(function () {
      fetchFragment("/ui/fragments/apps/" + encodeURIComponent(name), function (live) {
        var old = document.getElementById("live");
        if (!live) {
          old.innerHTML = '<p class="error">This app was deleted. <a href="/ui/apps">Back to the apps</a></p>';
          return;
        }
        // keep open transcripts open
        var open = Array.prototype.map.call(old.querySelectorAll("details[open]"), function (d) {
          return d.parentElement.dataset.id;
        });
        old.replaceWith(live);
        refreshTimes();
        live.querySelectorAll("li.deployment").forEach(function (li) {
          if (open.indexOf(li.dataset.id) >= 0) li.querySelector("details").open = true;
        });
      });
    }, 250);
    // the diff asks Git for the head: fetched apart, and less eagerly than the status
    var refreshDiff = debounce(function () {
      fetchFragment("/ui/fragments/apps/" + encodeURIComponent(name) + "/diff", function (diff) {
        var old = document.getElementById("diff");
        if (diff && old) old.replaceWith(diff);
      });
    }, 1000);
    events(function (app) {
      if (app === null || app === id) {
        refresh();
        refreshDiff();
      }
    });
    logs(name);
  }

  function logs(name) {
    var pre = document.getElementById("logs");
    var state = document.getElementById("logs-state");
    if (!pre) return;
    var source = new EventSource("/ui/apps/" + encodeURIComponent(name) + "/logs");
    var max = 500;
    source.addEventListener("open", function () {
      pre.textContent = ""; // a reconnect starts again from the last lines
      state.textContent = "live";
    });
    source.addEventListener("line", function (e) {
      var atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
      pre.appendChild(document.createTextNode(e.data + "\n"));
      while (pre.childNodes.length > max) pre.removeChild(pre.firstChild);
      if (atBottom) pre.scrollTop = pre.scrollHeight;
    });
    source.addEventListener("end", function () {
      state.textContent = "ended (no running container)";
      source.close();
    });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) state.textContent = "reconnecting…";
    });
  }

  function authFields() {
    var method = document.getElementById("repo_auth_method");
    if (!method) return;
    function show() {
      document.querySelectorAll("[data-method]").forEach(function (el) {
        el.hidden = el.dataset.method !== method.value;
      });
    }
    method.addEventListener("change", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("main");
    if (main && main.dataset.live === "dashboard") dashboard();
    if (main && main.dataset.live === "app") appPage(main);
    authFields();
    setInterval(refreshTimes, 30000);
  });
})();
