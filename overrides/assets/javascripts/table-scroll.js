// Material wraps every table in a box that scrolls sideways when the table is wider than the page.
// A keyboard user can only scroll such a box once it can take focus (WCAG 2.1.1), so a box that
// overflows gets tabindex="0"; one that fits gets no extra tab stop.
"use strict";

function updateTableScrollBoxes() {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    } else {
      box.removeAttribute("tabindex");
    }
  }
}

// document$ is Material's page-load stream; it has wrapped the tables by the time this runs.
document$.subscribe(updateTableScrollBoxes);
window.addEventListener("resize", updateTableScrollBoxes);
