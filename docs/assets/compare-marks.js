/* Medvirkningsguiden: marking methods on the method list to compare them (<language root>/metoder/).
 *
 * Each list item has a "Compare" checkbox (hooks/templates/method_list.html.j2, shown only with
 * JavaScript). Up to four marked methods stay marked whatever the filter shows; the bar at the
 * foot of the list says how many are marked and, from two, links to the comparison page
 * (sammenlign/?m=<id>,<id>...). The filter (filter.js) replaces the list's items as the reader
 * filters; its "mg:results" event says when, so the marks are shown again on the new items.
 */
(() => {
  "use strict";
  const list = document.querySelector(".mg-results");
  const bar = document.querySelector(".mg-compare-bar");
  if (!list || !bar) return;

  const MOST = Number(bar.dataset.most);
  const FEWEST = 2;
  const marked = []; // method ids, in the order marked
  const count = bar.querySelector(".mg-compare-bar__count");
  const open = bar.querySelector(".mg-compare-bar__open");

  function showMarks() {
    for (const box of list.querySelectorAll(".mg-result:not([hidden]) .mg-compare-mark input")) {
      const checked = marked.includes(box.value);
      const disabled = !checked && marked.length >= MOST;
      if (box.checked !== checked) box.checked = checked;
      if (box.disabled !== disabled) box.disabled = disabled; // writing it unchanged would still restyle the list
    }
    bar.hidden = marked.length === 0;
    const chosen = bar.dataset.chosenMessage.replace("{count}", marked.length);
    count.textContent = marked.length < FEWEST ? `${chosen} ${bar.dataset.hint}` : chosen;
    open.hidden = marked.length < FEWEST;
    open.href = marked.length >= FEWEST ? `sammenlign/?m=${marked.join(",")}` : "sammenlign/";
  }

  list.addEventListener("change", (event) => {
    const box = event.target.closest(".mg-compare-mark input");
    if (!box) return;
    const at = marked.indexOf(box.value);
    if (box.checked && at < 0 && marked.length < MOST) marked.push(box.value);
    if (!box.checked && at >= 0) marked.splice(at, 1);
    showMarks();
  });
  list.addEventListener("mg:results", showMarks);
  showMarks();
})();
