/* newsgraph article page: click a highlighted passage to see the record it is evidence for.
   The page works without this script (every highlight is a link to its record's card);
   this adds the side panel, "also at this spot", and the layer switches. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }
  var body = document.getElementById("panel-body");
  var also = document.getElementById("panel-also");
  var alsoList = also.querySelector(".also-list");
  var KEY = /^[a-z]{2}\d+$/;

  function card(key) { return KEY.test(key) ? document.getElementById("rec-" + key) : null; }
  function segments(key) { return text.querySelectorAll('a.hl[data-refs~="' + key + '"]'); }
  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll(".sel"), function (el) {
      el.classList.remove("sel");
    });
  }

  function select(key, refs, scrollToText) {
    var source = card(key);
    if (!source) { return; }
    clearMarks();
    var segs = segments(key);
    Array.prototype.forEach.call(segs, function (el) { el.classList.add("sel"); });
    source.classList.add("sel");
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.remove("sel");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    body.replaceChildren(copy);
    alsoList.replaceChildren();
    (refs || []).forEach(function (other) {
      var c = card(other);
      if (other === key || !c) { return; }
      var b = document.createElement("button");
      b.type = "button";
      b.className = "also";
      b.dataset.key = other;
      b.dataset.refs = refs.join(" ");
      b.textContent = c.dataset.label || other;
      alsoList.appendChild(b);
    });
    also.hidden = !alsoList.children.length;
    if (scrollToText && segs.length) { segs[0].scrollIntoView({ block: "center" }); }
    // the address names the record: #statement-s1 / #event-e2 by their own ids, else #rec-ac0
    var anchor = source.querySelector(".anchor");
    var fragment = anchor ? encodeURIComponent(anchor.id) : "rec-" + key;
    if (history.replaceState) { history.replaceState(null, "", "#" + fragment); }
  }

  text.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.hl");
    if (!a) { return; }
    ev.preventDefault();
    var refs = a.dataset.refs.split(" ");
    select(refs[0], refs, false);
  });

  also.addEventListener("click", function (ev) {
    var b = ev.target.closest("button.also");
    if (b) { select(b.dataset.key, b.dataset.refs.split(" "), false); }
  });

  document.addEventListener("click", function (ev) {
    var a = ev.target.closest("a.intext, a.ref");
    if (!a || !a.dataset.key) { return; }
    ev.preventDefault();
    select(a.dataset.key, [a.dataset.key], true);
  });

  Array.prototype.forEach.call(document.querySelectorAll("input.layer"), function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.value, !box.checked);
    });
  });

  // deep links: #rec-st0 (a record), #statement-s1 / #event-e2 (by the record's own id)
  function follow() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("rec-") === 0) {
      select(hash.slice(4), [hash.slice(4)], true);
    } else if (hash) {
      var target = document.getElementById(decodeURIComponent(hash));
      var owner = target && target.closest(".card");
      if (owner && owner.dataset.key) { select(owner.dataset.key, [owner.dataset.key], true); }
    }
  }
  window.addEventListener("hashchange", follow);
  follow();
})();

// Actor autocomplete: inputs with data-suggest fill their <datalist> from the suggest API
// (names, ids and knowledge-base aliases), a short pause after each keystroke.
(function () {
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    if (!list) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var typed = input.value.trim();
      if (typed.length < 2) return;
      timer = setTimeout(function () {
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(typed))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.replaceChildren();
            items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.id;
              option.label = (item.name || item.id) + (item.type ? " · " + item.type : "");
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
