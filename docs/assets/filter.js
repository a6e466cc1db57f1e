/* Medvirkningsguiden: the Märkning filter on the method list (<language root>/metoder/).
 *
 * Reads the page's own markup (hooks/templates/method_list.md.j2): checkboxes
 * name="FACET_ID" value="VALUE_ID", results [data-method-id], and #mg-filter-data, where each
 * method has one number per facet whose bit i means "carries the facet's value i".
 * Values within a facet combine with OR, facets with AND. The choices live in the URL query
 * (?age_group=adults&level=system), one history entry per change, so a filtered list can be
 * bookmarked and the back button steps through earlier choices.
 *
 * Every result shown or hidden costs style and layout. With a long catalogue (1,000 methods in
 * benchmarks/filter_benchmark.py) a change may show or hide hundreds, far more than one frame
 * allows; so a change updates the counts at once and the list from the top, a frame's worth at a
 * time, with aria-busy on the list until it is done.
 */
(() => {
  "use strict";
  const form = document.querySelector("form.mg-filter");
  const dataElement = document.getElementById("mg-filter-data");
  if (!form || !dataElement) return;

  // What one frame may change in the list: hiding a result costs 1, showing one (its content
  // laid out again) about 4.
  const FRAME_BUDGET = 40;
  const SHOW_COST = 4;
  const data = JSON.parse(dataElement.textContent);
  const facetIndex = new Map(data.facets.map(([facetId], index) => [facetId, index]));
  const masksById = new Map(data.methods.map(([methodId, ...masks]) => [methodId, masks]));
  const list = document.querySelector(".mg-results");
  // In list order, so the top of the list is updated first.
  const methods = Array.from(list.querySelectorAll("[data-method-id]"), (element) => ({
    element,
    masks: masksById.get(element.dataset.methodId),
    shown: true,
    matches: true,
  }));
  let unsettled = [];
  let nextFrame = 0;
  let recordedQuery = window.location.search;
  let historyStep = 0; // a back or forward step drops the records not yet written
  const choices = Array.from(form.querySelectorAll('input[type="checkbox"]'), (input) => {
    const facet = facetIndex.get(input.name);
    const valueIndex = data.facets[facet][1].indexOf(input.value);
    return { input, facet, valueIndex, bit: 1 << valueIndex, count: input.parentElement.querySelector(".mg-facet__count"), countShown: null };
  });
  const status = form.querySelector("[aria-live]");
  const languageLinks = Array.from(document.querySelectorAll("a.md-select__link[hreflang]"), (link) => ({
    link,
    base: link.getAttribute("href").split("?")[0],
  }));

  /* Show the methods that match and give each value the count it would give with the other
   * facets' current choices: a method failing no facet counts for every value it carries, a
   * method failing exactly one facet counts for that facet's values only. */
  function update() {
    const selected = new Array(data.facets.length).fill(0);
    for (const choice of choices) if (choice.input.checked) selected[choice.facet] |= choice.bit;
    const active = selected.flatMap((mask, facet) => (mask ? [facet] : []));
    const counts = data.facets.map(([, values]) => new Array(values.length).fill(0));
    let matching = 0;
    for (const method of methods) {
      let failed = -1;
      let failures = 0;
      for (const facet of active) {
        if ((method.masks[facet] & selected[facet]) === 0) {
          failed = facet;
          if (++failures > 1) break;
        }
      }
      if (failures === 0) {
        matching++;
        method.masks.forEach((mask, facet) => addBits(counts[facet], mask));
      } else if (failures === 1) {
        addBits(counts[failed], method.masks[failed]);
      }
      method.matches = failures === 0;
    }
    unsettled = methods.filter((method) => method.shown !== method.matches);
    settleSome();
    for (const choice of choices) {
      const count = counts[choice.facet][choice.valueIndex];
      if (choice.countShown !== count) {
        choice.count.textContent = `(${count})`;
        choice.countShown = count;
      }
      // A chosen value is never disabled, or it could not be unchosen.
      choice.input.disabled = count === 0 && !choice.input.checked;
    }
    const message = form.dataset.countMessage.replace("{count}", matching).replace("{total}", methods.length);
    status.textContent = matching === 0 ? `${message} ${form.dataset.noMatchMessage}` : message;
  }

  function settleSome() {
    cancelAnimationFrame(nextFrame);
    let budget = FRAME_BUDGET;
    let settled = 0;
    while (settled < unsettled.length && budget > 0) {
      const method = unsettled[settled++];
      method.element.hidden = !method.matches;
      method.shown = method.matches;
      budget -= method.matches ? SHOW_COST : 1;
    }
    unsettled = unsettled.slice(settled);
    list.setAttribute("aria-busy", String(unsettled.length > 0));
    if (unsettled.length > 0) nextFrame = requestAnimationFrame(settleSome);
  }

  function addBits(counts, mask) {
    for (let rest = mask; rest; rest &= rest - 1) counts[31 - Math.clz32(rest & -rest)]++;
  }

  function queryFromChoices() {
    const query = new URLSearchParams();
    for (const choice of choices) if (choice.input.checked) query.append(choice.input.name, choice.input.value);
    const text = query.toString();
    return text ? `?${text}` : "";
  }

  function choicesFromQuery() {
    const query = new URLSearchParams(window.location.search);
    for (const choice of choices) choice.input.checked = query.getAll(choice.input.name).includes(choice.input.value);
  }

  // The language switcher leads to the same filtered list in the other language.
  function keepQueryInLanguageLinks() {
    for (const { link, base } of languageLinks) link.setAttribute("href", base + window.location.search);
  }

  /* One history entry per change. history.pushState is a round trip to the browser process that
   * took from 1 to 60 ms here whatever the page, so it waits until the updated list is painted. */
  function recordChoicesAfterPaint() {
    const query = queryFromChoices();
    if (query === recordedQuery) return;
    recordedQuery = query;
    const step = historyStep;
    requestAnimationFrame(() => setTimeout(() => {
      if (step !== historyStep) return;
      history.pushState(null, "", window.location.pathname + query + window.location.hash);
      keepQueryInLanguageLinks();
    }));
  }

  form.addEventListener("change", () => {
    update();
    recordChoicesAfterPaint();
  });
  form.querySelector(".mg-filter__clear").addEventListener("click", () => {
    for (const choice of choices) choice.input.checked = false;
    update();
    recordChoicesAfterPaint();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("popstate", () => {
    historyStep++;
    recordedQuery = window.location.search;
    choicesFromQuery();
    update();
    keepQueryInLanguageLinks();
  });

  // Facets start folded on a phone, so the results are not pushed below many screens of
  // checkboxes; a facet with a chosen value stays open.
  const phone = window.matchMedia("(max-width: 44.9375em)").matches;
  choicesFromQuery();
  for (const toggle of form.querySelectorAll(".mg-facet__toggle")) {
    const values = document.getElementById(toggle.getAttribute("aria-controls"));
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      values.hidden = !open;
    };
    setOpen(!phone || values.querySelector("input:checked") !== null);
    toggle.addEventListener("click", () => setOpen(values.hidden));
  }
  // The filter offers the labels each result lists, so the lists fold (they stay open without JavaScript).
  for (const labels of list.querySelectorAll("details[open]")) labels.open = false;
  update();
  keepQueryInLanguageLinks();
  form.hidden = false;
  document.documentElement.classList.add("mg-filter-ready");
})();
