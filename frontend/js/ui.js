// Small pieces the pages share: headings, alerts, loading notes, description lists, tables.

import { h } from "./dom.js";

export function pageHeading(text, testid = "page-heading") {
  return h("h1", { tabindex: "-1", testid }, text);
}

export function alertBox(message, testid = "error") {
  return h("div", { class: "alert", role: "alert", testid }, message);
}

export function notice(message, testid = "notice") {
  return h("p", { class: "notice", role: "status", testid }, message);
}

export function loadingNote(text = "Loading…") {
  return h("p", { class: "loading", role: "status", testid: "loading" }, text);
}

/** A description list from [label, value, testid?] rows. */
export function facts(rows, className = "facts") {
  return h(
    "dl",
    { class: className },
    rows.map(([label, value, testid]) =>
      h("div", { class: "fact", testid }, h("dt", {}, label), h("dd", {}, value)),
    ),
  );
}

/** A table that scrolls sideways on a narrow screen instead of overflowing the page. */
export function scrollingTable(caption, table, testid) {
  const captionId = `${testid}-caption`;
  table.prepend(h("caption", { id: captionId }, caption));
  return h(
    "div",
    { class: "table-scroll", role: "region", "aria-labelledby": captionId, tabindex: "0", testid },
    table,
  );
}

export function linkButton(href, label, testid, className = "button") {
  return h("a", { href, class: className, testid }, label);
}
