/* Medvirkningsguiden: the Märkning filter and sorting on the method list (<language root>/metoder/).
 *
 * Reads the page's own markup (hooks/templates/method_list.html.j2): checkboxes
 * name="FACET_ID" value="VALUE_ID" (the evidence levels as name="evidence"), the sort <select>,
 * and #mg-filter-data, where each method, in the language's name order, has the day of its last
 * review and one number per facet whose bit i means "carries the facet's value i". Values within
 * a facet combine with OR, facets with AND. The choices and the order live in the URL query
 * (?age_group=adults&level=system&sort=evidence), one history entry per change, so a filtered
 * list can be bookmarked, the back button steps through earlier choices and the language
 * switcher leads to the same list in another language (language-links.js, told by "mg:query").
 *
 * The page holds the first methods as HTML; the list shows a page of results at a time, and the
 * names and leads of methods not in the HTML come from texts.json beside the page, fetched once,
 * when a reader first needs them; the rest of what an item says is in the filter's data. After
 * each change the list tells other scripts (export.js, compare-marks.js) what it shows with an
 * "mg:results" event, whose records have methods.json's fields.
 */
(() => {
  "use strict";
  const form = document.querySelector("form.mg-filter");
  const dataElement = document.getElementById("mg-filter-data");
  const list = document.querySelector(".mg-results");
  if (!form || !dataElement || !list) return;

  const DAY = 86400000;
  const data = JSON.parse(dataElement.textContent);
  const evidenceFacet = data.facets.findIndex(([facetId]) => facetId === "evidence");
  const pageSize = Number(list.dataset.pageSize);
  const methods = data.methods.map(([id, reviewed, ...masks], nameRank) => ({ id, reviewed, masks, nameRank, element: null, matches: true }));
  const byId = new Map(methods.map((method) => [method.id, method]));
  for (const element of list.querySelectorAll("[data-method-id]")) byId.get(element.dataset.methodId).element = element;
  const blueprint = list.querySelector("[data-method-id]")?.cloneNode(true);
  blueprint?.querySelector(".mg-labels").replaceChildren();
  const strength = (method) => 31 - Math.clz32(method.masks[evidenceFacet]); // 0 for the scale's first (strongest) step
  const orders = {
    name: methods,
    evidence: [...methods].sort((a, b) => strength(a) - strength(b) || a.nameRank - b.nameRank),
    reviewed: [...methods].sort((a, b) => b.reviewed - a.reviewed || a.nameRank - b.nameRank),
  };
  const choices = Array.from(form.querySelectorAll('input[type="checkbox"]'), (input) => {
    const facet = data.facets.findIndex(([facetId]) => facetId === input.name);
    const valueIndex = data.facets[facet][1].indexOf(input.value);
    return {
      input, facet, valueIndex, bit: 1 << valueIndex, countShown: null,
      count: input.parentElement.querySelector(".mg-facet__count"),
      label: input.parentElement.querySelector(".mg-facet__label").textContent,
    };
  });
  const sort = form.querySelector('select[name="sort"]');
  const status = form.querySelector("[aria-live]");
  const more = document.querySelector(".mg-more__button");
  let shown = methods; // the matching methods, in the chosen order
  let visible = new Set(list.children); // the list items not hidden
  let limit = pageSize; // how many of them the list shows
  let records = null; // id -> {id, title, lead, url, evidence_level, labels, last_reviewed}, once the texts are here
  let recordsLoading = null;
  let recordedQuery = window.location.search;
  let historyStep = 0; // a back or forward step drops the records not yet written

  /* Find the methods that match and give each value the count it would give with the other
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
    shown = (orders[sort.value] || orders.name).filter((method) => method.matches);
    showList();
    for (const choice of choices) {
      const count = counts[choice.facet][choice.valueIndex];
      if (choice.countShown !== count) {
        choice.count.textContent = `(${count})`;
        choice.countShown = count;
      }
      // A chosen value is never disabled, or it could not be unchosen. (Written only when it
      // changes: each write restyles the form.)
      const disabled = count === 0 && !choice.input.checked;
      if (choice.input.disabled !== disabled) choice.input.disabled = disabled;
    }
    const message = form.dataset.countMessage.replace("{count}", matching).replace("{total}", methods.length);
    status.textContent = matching === 0 ? `${message} ${form.dataset.noMatchMessage}` : message;
  }

  function addBits(counts, mask) {
    for (let rest = mask; rest; rest &= rest - 1) counts[31 - Math.clz32(rest & -rest)]++;
  }

  /* The first `limit` of the matching methods, in order; a method not in the HTML is made from its
   * record (filter data and texts.json), and the list waits (aria-busy) while that file loads. An item once in the
   * list stays there, hidden when not shown: taking a laid-out item with its <details> out and
   * putting it back costs some fifteen times as much as hiding and showing it. Only items out of
   * order move. */
  function showList() {
    const page = shown.slice(0, limit);
    if (records) for (const method of page) if (records.has(method.id)) method.element ||= resultElement(records.get(method.id));
    const elements = page.flatMap((method) => (method.element ? [method.element] : []));
    const showing = new Set(elements);
    let next = list.firstElementChild;
    for (const element of elements) {
      while (next && next !== element && !showing.has(next)) next = next.nextElementSibling;
      if (next === element) next = next.nextElementSibling;
      else list.insertBefore(element, next);
      if (element.hidden) element.hidden = false;
    }
    for (const element of visible) if (!showing.has(element)) element.hidden = true;
    visible = showing;
    const waiting = elements.length < page.length;
    if (list.getAttribute("aria-busy") !== String(waiting)) list.setAttribute("aria-busy", String(waiting));
    if (waiting) loadRecords().then(showList, () => list.setAttribute("aria-busy", "false"));
    if (more.hidden !== shown.length <= limit) more.hidden = shown.length <= limit;
    list.dispatchEvent(new CustomEvent("mg:results", { detail: { ids: shown.map((method) => method.id), records: loadRecords, loaded: () => records } }));
  }

  function loadRecords() {
    recordsLoading ||= fetch(list.dataset.texts)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((texts) => (records = new Map(texts.filter(([id]) => byId.has(id)).map(([id, title, lead]) => [id, recordOf(id, title, lead)]))))
      .catch((error) => {
        recordsLoading = null; // a later change tries again
        throw error;
      });
    return recordsLoading;
  }

  /* A method's record from its name and lead and what the filter's data says of it. */
  function recordOf(id, title, lead) {
    const method = byId.get(id);
    const labels = {};
    data.facets.forEach(([facetId, values], facet) => {
      const carried = values.filter((_, bit) => method.masks[facet] & (1 << bit));
      if (carried.length && facet !== evidenceFacet) labels[facetId] = carried;
    });
    const evidence = data.facets[evidenceFacet][1][strength(method)];
    return { id, title, lead, url: `${id}/`, evidence_level: evidence, labels, last_reviewed: new Date(method.reviewed * DAY).toISOString().slice(0, 10) };
  }

  const labelOf = new Map(choices.map((choice) => [`${choice.input.name}\n${choice.input.value}`, choice]));
  const facetNames = new Map(Array.from(form.querySelectorAll("fieldset"), (fieldset) => [
    fieldset.querySelector('input[type="checkbox"]')?.name,
    fieldset.querySelector("legend").textContent,
  ]));

  /* A list item for a method that is not in the HTML: the first item's markup with this method's
   * texts, set as text (never as HTML). */
  function resultElement(record) {
    const element = blueprint.cloneNode(true);
    const method = byId.get(record.id);
    element.dataset.methodId = record.id;
    const title = element.querySelector(".mg-result__title");
    title.href = `${record.id}/`;
    title.firstElementChild.textContent = record.title;
    element.querySelector(".mg-result__lead").textContent = record.lead;
    const bars = element.querySelectorAll(".mg-steps > span");
    bars.forEach((bar, index) => bar.classList.toggle("mg-steps__on", index < bars.length - strength(method)));
    element.querySelector(".mg-result__evidence").textContent = labelOf.get(`evidence\n${record.evidence_level}`).label;
    const time = element.querySelector("time");
    time.dateTime = time.textContent = record.last_reviewed;
    const mark = element.querySelector(".mg-compare-mark input");
    mark.value = record.id;
    mark.checked = false;
    element.querySelector(".mg-compare-mark .mg-visually-hidden").textContent = `: ${record.title}`;
    // The labels are folded: they are made when a reader first unfolds them, so a change that
    // shows new methods does not build some thirty links for each.
    const labels = element.querySelector(".mg-result__labels");
    labels.open = false;
    labels.addEventListener("toggle", () => labels.open && !labels.querySelector("dt") && labels.querySelector(".mg-labels").replaceChildren(...labelGroups(record)));
    return element;
  }

  function labelGroups(record) {
    return data.facets.flatMap(([facetId]) => {
      const values = (record.labels[facetId] || []).map((value) => labelOf.get(`${facetId}\n${value}`)).filter((choice) => choice?.input.dataset.href);
      if (facetId === "evidence" || values.length === 0) return [];
      const group = document.createElement("div");
      group.appendChild(document.createElement("dt")).textContent = facetNames.get(facetId);
      const description = group.appendChild(document.createElement("dd"));
      for (const choice of values) {
        const tag = description.appendChild(document.createElement("a"));
        tag.className = "md-tag";
        tag.href = choice.input.dataset.href;
        tag.textContent = choice.label;
      }
      return [group];
    });
  }

  function queryFromChoices() {
    const query = new URLSearchParams();
    for (const choice of choices) if (choice.input.checked) query.append(choice.input.name, choice.input.value);
    if (sort.value !== "name") query.set("sort", sort.value);
    const text = query.toString();
    return text ? `?${text}` : "";
  }

  function choicesFromQuery() {
    const query = new URLSearchParams(window.location.search);
    for (const choice of choices) choice.input.checked = query.getAll(choice.input.name).includes(choice.input.value);
    sort.value = query.get("sort") in orders ? query.get("sort") : "name";
  }

  /* The language links carry the choices as soon as they are made, built from the choices
   * rather than copied from the address, whose history entry follows a frame later. */
  function keepChoicesInLanguageLinks(query) {
    document.dispatchEvent(new CustomEvent("mg:query", { detail: query }));
  }

  /* One history entry per change. history.pushState is a round trip to the browser process that
   * took from 1 to 60 ms here whatever the page, so it waits until the updated list is painted. */
  function recordChoicesAfterPaint(query) {
    if (query === recordedQuery) return;
    recordedQuery = query;
    const step = historyStep;
    requestAnimationFrame(() => setTimeout(() => {
      if (step === historyStep) history.pushState(null, "", window.location.pathname + query + window.location.hash);
    }));
  }

  function changed() {
    limit = pageSize;
    update();
    const query = queryFromChoices();
    keepChoicesInLanguageLinks(query);
    recordChoicesAfterPaint(query);
  }

  form.addEventListener("change", changed);
  form.querySelector(".mg-filter__clear").addEventListener("click", () => {
    for (const choice of choices) choice.input.checked = false;
    changed();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  more.addEventListener("click", () => {
    const first = limit;
    limit += pageSize;
    showList();
    // Keyboard and screen-reader users continue at the first method added.
    loadRecords().then(() => shown[first]?.element?.querySelector("a")?.focus());
  });
  // A reader about to filter may soon need methods that are not in the HTML: fetch their texts now.
  if (methods.some((method) => !method.element)) {
    for (const type of ["pointerdown", "focusin"]) form.addEventListener(type, () => loadRecords().catch(() => {}), { once: true });
  }
  window.addEventListener("popstate", () => {
    historyStep++;
    recordedQuery = window.location.search;
    choicesFromQuery();
    limit = pageSize;
    update();
    keepChoicesInLanguageLinks(queryFromChoices());
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
  // The address keeps only what the list understood: a bookmark of it gives the same list.
  const query = queryFromChoices();
  if (query !== window.location.search) history.replaceState(null, "", window.location.pathname + query + window.location.hash);
  recordedQuery = query;
  keepChoicesInLanguageLinks(query);
  form.hidden = false;
  document.documentElement.classList.add("mg-filter-ready");
})();
