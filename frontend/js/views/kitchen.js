// The kitchen report: per night, adults, kids and dietary notes; printable on A4.

import { h } from "../dom.js";
import { count } from "../format.js";
import { loadingNote, pageHeading } from "../ui.js";

function dietaryNotes(night) {
  const notes = night.DietaryNotes || [];
  if (!notes.length) return h("p", { class: "hint", testid: `kitchen-no-notes-${night.Night}` }, "No dietary notes for this night.");
  return h(
    "table",
    { class: "compact notes", testid: `kitchen-notes-${night.Night}` },
    h("caption", {}, `Dietary notes, ${night.Night} night (${count(notes.length)})`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Note"))),
    h("tbody", {}, notes.map((n) => h("tr", {}, h("th", { scope: "row" }, n.Name), h("td", { class: "pre" }, n.Note)))),
  );
}

function nightSection(night) {
  const adults = Number(night.Adults) || 0;
  const kids = Number(night.Kids) || 0;
  const headingId = `night-${night.Night}`;
  return h(
    "section",
    { class: "night card", "aria-labelledby": headingId, testid: `kitchen-night-${night.Night}` },
    h("h2", { id: headingId }, `${night.Night} night`),
    h(
      "dl",
      { class: "figures compact" },
      h("div", { class: "figure", testid: `kitchen-adults-${night.Night}`, "data-value": String(adults) }, h("dt", {}, "Adults"), h("dd", {}, count(adults))),
      h("div", { class: "figure", testid: `kitchen-kids-${night.Night}`, "data-value": String(kids) }, h("dt", {}, "Kids"), h("dd", {}, count(kids))),
      h("div", { class: "figure" }, h("dt", {}, "Meals in all"), h("dd", {}, count(adults + kids))),
    ),
    dietaryNotes(night),
  );
}

export async function renderKitchen(ctx) {
  const print = h("button", { type: "button", class: "button no-print", testid: "print-kitchen" }, "Print");
  print.addEventListener("click", () => window.print());
  const body = h("div", { class: "nights", testid: "kitchen-report" }, loadingNote());
  const printedOn = h("p", { class: "print-only", testid: "kitchen-printed" });
  ctx.view.append(h("div", { class: "title-row" }, pageHeading("Kitchen report"), h("div", { class: "page-actions" }, print)), printedOn, body);
  try {
    const report = await ctx.api.kitchenReport();
    printedOn.textContent = `Printed ${new Date().toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" })}`;
    body.replaceChildren(...(report.Nights || []).map(nightSection));
  } catch (error) {
    body.replaceChildren();
    ctx.failed(error, body);
  }
}
