/* Medvirkningsguiden: the method list as a spreadsheet file (<language root>/metoder/).
 *
 * The link a.mg-export (hooks/templates/method_list.html.j2) downloads the methods the list
 * currently shows, after filter and sort, in that order, with the columns its data-columns names
 * (name, lead, level, evidence level, labels per facet, last review, page address), in the page's
 * language. The file is made when the link is clicked, from the list's "mg:results" event
 * (filter.js): the methods in order and their records.
 *
 * The format is what Excel set to Norwegian or Swedish opens directly, with its columns split and
 * å, ø, ä, č intact: fields separated by semicolons (those locales write decimals with a comma,
 * so Excel's list separator there is ";"), UTF-8 with a byte order mark (without it Excel reads
 * the file as Windows-1252), lines ending in CR LF. A field holding a separator, a comma, a quote
 * or a line break is quoted, quotes doubled (RFC 4180). A text that starts with =, +, -, @, a tab
 * or a carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text instead
 * of running it as a formula (the catalogue's texts are not trusted).
 */
(() => {
  "use strict";
  const link = document.querySelector("a.mg-export");
  const list = document.querySelector(".mg-results");
  const form = document.querySelector("form.mg-filter");
  if (!link || !list || !form) return;

  const columns = JSON.parse(link.dataset.columns);
  const valueLabels = new Map(Array.from(form.querySelectorAll('input[type="checkbox"]'), (input) => [
    `${input.name}\n${input.value}`,
    input.parentElement.querySelector(".mg-facet__label").textContent,
  ]));
  let results = null; // the latest "mg:results" detail: {ids, records (fetch), loaded}
  let fileAddress = null;

  list.addEventListener("mg:results", (event) => {
    results = event.detail;
  });

  function cell(text) {
    const value = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[;,"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }

  function fieldOf(record, column) {
    if (column.key === "url") return new URL(record.url, window.location.href).href; // relative to the list
    if (column.key) return String(record[column.key]).trim();
    const values = column.facet === "evidence" ? [record.evidence_level] : record.labels[column.facet] || [];
    return values.map((value) => valueLabels.get(`${column.facet}\n${value}`)).join(", ");
  }

  function spreadsheet(ids, records) {
    const rows = [columns.map((column) => column.label), ...ids.map((id) => columns.map((column) => fieldOf(records.get(id), column)))];
    return "\ufeff" + rows.map((row) => row.map(cell).join(";")).join("\r\n") + "\r\n";
  }

  function makeFile(ids, records) {
    if (fileAddress) URL.revokeObjectURL(fileAddress);
    fileAddress = URL.createObjectURL(new Blob([spreadsheet(ids, records)], { type: "text/csv;charset=utf-8" }));
    link.href = fileAddress;
  }

  link.addEventListener("click", (event) => {
    const records = results?.loaded();
    if (records) {
      makeFile(results.ids, records); // the browser then downloads link.href
      return;
    }
    // The texts are not here yet: fetch them, then click again.
    event.preventDefault();
    const pending = results;
    pending?.records().then((fetched) => {
      makeFile(pending.ids, fetched);
      link.click();
    }, () => {});
  });
})();
