/* The moderation desk's keyboard: j/k move between claims and figures, p publishes, r rejects
   and t retracts (each asks for the reason), x selects, e edits the model, v opens the preview.
   Every shortcut presses a button or link that is on the page anyway: without this file the
   desk works the same with the mouse. Loaded as a file: the site's CSP allows no inline script. */
(function () {
  "use strict";

  function start() {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".desk-card"));
    if (!cards.length) return;
    var current = -1;

    function marksOf(card) {
      return document.querySelectorAll('.desk-mark[data-card="' + card.dataset.card + '"]');
    }

    function select(index, scroll) {
      if (index < 0 || index >= cards.length) return;
      if (current >= 0) {
        cards[current].classList.remove("is-current");
        marksOf(cards[current]).forEach(function (mark) { mark.classList.remove("is-current"); });
      }
      current = index;
      var card = cards[current];
      card.classList.add("is-current");
      var marks = marksOf(card);
      marks.forEach(function (mark) { mark.classList.add("is-current"); });
      if (scroll) {
        card.focus({ preventScroll: true });
        card.scrollIntoView({ block: "nearest" });
        if (marks.length) scrollDocumentTo(marks[0]);
      }
    }

    // Scroll only the document's own box, so the claim just chosen stays in view.
    function scrollDocumentTo(mark) {
      var box = document.getElementById("desk-text");
      if (!box) return;
      var top = mark.offsetTop - box.offsetTop - box.clientHeight / 3;
      box.scrollTop = Math.max(0, top);
    }

    function firstToSelect() {
      var wanted = window.location.hash.slice(1);
      for (var i = 0; i < cards.length; i++) if (cards[i].id === wanted) return i;
      for (var j = 0; j < cards.length; j++) if (cards[j].dataset.status === "pending") return j;
      return 0;
    }

    function press(selector) {
      var target = cards[current] && cards[current].querySelector(selector);
      if (target) target.click();
      return Boolean(target);
    }

    function decideWithReason(key, verb) {
      var card = cards[current];
      var button = card && card.querySelector('button[data-key="' + key + '"]');
      if (!button) return;
      var reason = window.prompt("Why " + verb + " claim " + card.id.replace("claim-", "#") + "?");
      if (reason === null || !reason.trim()) return;
      card.querySelector(".desk-reason").value = reason.trim();
      button.click();
    }

    function editModel() {
      var card = cards[current];
      var select = card && card.querySelector('select[name$="-model"]');
      if (!select) return;
      if (window.django && window.django.jQuery && window.django.jQuery.fn.select2) {
        window.django.jQuery(select).select2("open");
      } else {
        select.focus();
      }
    }

    var actions = {
      j: function () { select(Math.min(current + 1, cards.length - 1), true); },
      k: function () { select(Math.max(current - 1, 0), true); },
      p: function () { press('button[data-key="p"]'); },
      r: function () { decideWithReason("r", "reject"); },
      t: function () { decideWithReason("t", "retract"); },
      x: function () { press('input[type="checkbox"]'); },
      e: editModel,
      v: function () { press('a[data-key="v"]'); }
    };

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable], .select2-container")) return;
      var action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    });

    document.querySelectorAll(".desk-mark[data-card]").forEach(function (mark) {
      mark.addEventListener("click", function () {
        var card = document.getElementById(mark.dataset.card);
        var index = cards.indexOf(card);
        if (index >= 0) select(index, true);
      });
    });
    cards.forEach(function (card, index) {
      card.addEventListener("focusin", function () { if (index !== current) select(index, false); });
    });

    select(firstToSelect(), true);
    document.body.classList.add("desk-keys-on");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
