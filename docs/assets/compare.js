/* Medvirkningsguiden: the comparison page (<language root>/metoder/sammenlign/?m=<id>,<id>...).
 *
 * The page's table (hooks/templates/comparison.html.j2) has a column for every method; this
 * keeps the columns of the methods ?m= names, in that order: ids may be separated by commas or
 * given as several m parameters. An id the table does not have is left out, and so is every id
 * after the fourth; a note says which and why. Without ?m=, or with no known id, the table
 * compares every method, as it does without JavaScript. The language switcher leads to the same
 * comparison in another language.
 */
(() => {
  "use strict";
  const table = document.querySelector("table.mg-compare");
  const notes = document.querySelector(".mg-compare-notes");
  if (!table || !notes) return;

  const MOST = Number(notes.dataset.most);
  const LONGEST_NOTE_ID = 60; // an id from the address is shown as text, and cut if it is long
  const header = table.tHead.rows[0];
  const columnOf = new Map(Array.from(header.cells).slice(1).map((cell, index) => [cell.dataset.methodId, index + 1]));
  const asked = [...new Set(new URLSearchParams(window.location.search).getAll("m").flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean))];
  const known = asked.filter((id) => columnOf.has(id));
  const unknown = asked.filter((id) => !columnOf.has(id));
  const chosen = known.slice(0, MOST);

  const messages = [];
  if (unknown.length) {
    const ids = unknown.map((id) => (id.length > LONGEST_NOTE_ID ? `${id.slice(0, LONGEST_NOTE_ID)}…` : id)).join(", ");
    messages.push(notes.dataset.unknownMessage.replace("{ids}", ids));
  }
  if (known.length > MOST) messages.push(notes.dataset.tooManyMessage);
  notes.textContent = messages.join(" ");
  notes.hidden = messages.length === 0;

  if (chosen.length) {
    const kept = [0, ...chosen.map((id) => columnOf.get(id))];
    for (const row of table.rows) {
      const cells = Array.from(row.cells);
      row.replaceChildren(...kept.map((index) => cells[index]));
    }
    document.querySelector(".mg-compare-all").hidden = true;
    table.classList.add("mg-compare--chosen");
  }
  const query = chosen.length ? `?m=${chosen.join(",")}` : "";
  if (query !== window.location.search) history.replaceState(null, "", window.location.pathname + query + window.location.hash);
  document.dispatchEvent(new CustomEvent("mg:query", { detail: query })); // language-links.js
})();
