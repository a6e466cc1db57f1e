/* Medvirkningsguiden: the language switcher leads to the same view in another language.
 *
 * A page that keeps its state in the address query (filter.js on the method list, compare.js on
 * the comparison) sends the query in an "mg:query" event on document whenever it changes. Every
 * language link carries it at once, before the history entry that may follow a frame later, and
 * never a query longer than a host accepts.
 */
(() => {
  "use strict";
  // Hosts refuse a request line much longer than this (414); a language link never carries more.
  const LONGEST_LINK_QUERY = 8 * 1024;
  const links = Array.from(document.querySelectorAll("a.md-select__link[hreflang]"), (link) => ({
    link,
    base: link.getAttribute("href").split("?")[0],
  }));
  document.addEventListener("mg:query", ({ detail: query }) => {
    const carried = query.length <= LONGEST_LINK_QUERY ? query : "";
    for (const { link, base } of links) link.setAttribute("href", base + carried);
  });
})();
