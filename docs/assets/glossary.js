/* Medvirkningsguiden: a glossary term's explanation beside the term (every page).
 *
 * The build links the first occurrence of each glossary term in each section to the term's row
 * on the glossary page (a.mg-term, hooks/glossary_terms.py); that link works without JavaScript.
 * With it, the term's explanation, in the page's language, shows in a small box below the term
 * while the pointer is on it or the term has keyboard focus, and is read out as the link's
 * description; Escape closes it. On a touch screen the first tap shows the explanation and a
 * second tap follows the link. The explanations come from the language's glossary.json, fetched
 * the first time a reader comes near a term.
 */
(() => {
  "use strict";
  const terms = document.querySelectorAll("a.mg-term");
  if (terms.length === 0) return;

  // glossary.json sits at the language root, where the glossary page (ordliste/) is too.
  const source = new URL("../glossary.json", new URL(terms[0].getAttribute("href"), window.location.href));
  let explanations = null;
  const tip = document.createElement("div");
  tip.className = "mg-term-tip";
  tip.id = "mg-term-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let shownFor = null;
  let touched = null; // the term a finger is on, until its click
  let hideTimer = 0;

  function load() {
    explanations ||= fetch(source)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((records) => new Map(records.map((record) => [record.id, record])))
      .catch(() => (explanations = null));
    return explanations;
  }

  function show(term) {
    clearTimeout(hideTimer);
    load().then((byId) => {
      const record = byId?.get(new URL(term.href).hash.slice(1));
      if (!record) return;
      const name = document.createElement("strong");
      name.textContent = record.term;
      tip.replaceChildren(name, ` ${record.definition}`);
      tip.hidden = false;
      const box = term.getBoundingClientRect();
      const left = Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
      tip.style.left = `${Math.max(8, left) + window.scrollX}px`;
      tip.style.top = `${box.bottom + window.scrollY + 4}px`;
      if (shownFor && shownFor !== term) shownFor.removeAttribute("aria-describedby");
      term.setAttribute("aria-describedby", tip.id);
      shownFor = term;
    });
  }

  function hide() {
    tip.hidden = true;
    shownFor?.removeAttribute("aria-describedby");
    shownFor = null;
  }

  for (const term of terms) {
    term.addEventListener("pointerenter", (event) => event.pointerType === "mouse" && show(term));
    term.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse") hideTimer = setTimeout(hide, 300); // time to move onto the box
    });
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", () => touched !== term && hide());
    term.addEventListener("pointerdown", (event) => {
      touched = event.pointerType === "touch" ? term : null;
      load();
    });
    term.addEventListener("click", (event) => {
      if (touched === term && shownFor !== term) {
        event.preventDefault();
        show(term);
      }
      touched = null;
    });
  }
  tip.addEventListener("pointerenter", () => clearTimeout(hideTimer));
  tip.addEventListener("pointerleave", () => (hideTimer = setTimeout(hide, 300)));
  document.addEventListener("keydown", (event) => event.key === "Escape" && hide());
  document.addEventListener("pointerdown", (event) => {
    if (!tip.hidden && !event.target.closest("a.mg-term, .mg-term-tip")) hide();
  });
})();
