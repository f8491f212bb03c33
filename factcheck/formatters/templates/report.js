// factcheck HTML report: filters, search, and links to document lines. No network, no eval.
(function () {
  "use strict";
  var findings = Array.prototype.map.call(document.querySelectorAll("article.finding"), function (el) {
    return { el: el, sev: el.getAttribute("data-sev"), rule: el.getAttribute("data-rule"),
             text: el.getAttribute("data-search") || "" };
  });
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-severity]"));
  var ruleSelect = document.getElementById("filter-rule");
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");

  function applyFilters() {
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    var rule = ruleSelect ? ruleSelect.value : "";
    var words = search ? search.value.trim().toLowerCase().split(/\s+/).filter(Boolean) : [];
    var count = 0;
    findings.forEach(function (f) {
      var visible = severities[f.sev] !== false && (!rule || f.rule === rule) &&
        words.every(function (w) { return f.text.indexOf(w) !== -1; });
      if (f.el.hidden === visible) { f.el.hidden = !visible; }
      if (visible) { count += 1; }
    });
    groups.forEach(function (group) {
      var any = group.querySelector("article.finding:not([hidden])") !== null;
      if (group.hidden === any) { group.hidden = !any; }
    });
    if (shown) { shown.textContent = "显示 " + count + " / " + findings.length + " 条"; }
    document.body.setAttribute("data-filtered", String(count));
  }

  function reveal(target) {
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; }
      if (node.hidden) { node.hidden = false; }
    }
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth;  // restart the animation
    target.classList.add("flash");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) { return; }
    event.preventDefault();
    reveal(target);
    if (history.replaceState) { history.replaceState(null, "", link.hash); }
  });

  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  if (ruleSelect) { ruleSelect.addEventListener("change", applyFilters); }
  if (search) { search.addEventListener("input", applyFilters); }
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && search && document.activeElement !== search) { event.preventDefault(); search.focus(); }
  });
  if (findings.length) { applyFilters(); }
  if (location.hash.length > 1) {
    var first = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (first) { reveal(first); }
  }
  document.body.setAttribute("data-ready", "true");
})();
