// The event report of SPEC section 3: the figures and a head-count chart per night.

import { headCountChart } from "../chart.js";
import { h } from "../dom.js";
import { count, money, moneyWithPence } from "../format.js";
import { loadingNote, pageHeading, scrollingTable } from "../ui.js";

const FIGURES = [
  { key: "TotalAttendees", label: "Attendees", show: count },
  { key: "TotalKids", label: "Kids", show: count },
  { key: "TotalNightsCamped", label: "Nights camped", show: count },
  { key: "TotalCampingCharge", label: "Camping charge", show: money },
  { key: "TotalIncome", label: "Income (to pay in all)", show: money },
  { key: "TotalPaid", label: "Paid", show: money },
  { key: "TotalToPay", label: "Still to pay", show: money },
  { key: "AveragePaidByAttendee", label: "Average paid per attendee", show: moneyWithPence },
];

function figures(report) {
  return h(
    "dl",
    { class: "figures", testid: "report-figures" },
    FIGURES.map(({ key, label, show }) =>
      h(
        "div",
        { class: "figure", testid: `report-${key}`, "data-value": String(report[key]) },
        h("dt", {}, label),
        h("dd", {}, show(report[key])),
      ),
    ),
  );
}

function headCountTable(headCounts) {
  const table = h(
    "table",
    { class: "compact" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Night"), h("th", { scope: "col", class: "numeric" }, "People on site"))),
    h(
      "tbody",
      {},
      headCounts.map((e) =>
        h("tr", { testid: `headcount-${e.Day}` }, h("th", { scope: "row" }, e.Day), h("td", { class: "numeric" }, count(e.Count))),
      ),
    ),
  );
  return scrollingTable("Head count per night", table, "headcount-table");
}

export async function renderReport(ctx) {
  const body = h("div", { testid: "report" }, loadingNote());
  ctx.view.append(pageHeading("Report"), body);
  try {
    const report = await ctx.api.report();
    const headCounts = report.DailyHeadCounts || [];
    body.replaceChildren(
      h("h2", {}, "Figures"),
      figures(report),
      h("h2", { id: "headcount-heading" }, "Head count per night"),
      h("figure", { class: "chart-figure" }, headCountChart(headCounts, "Head count per night"), h("figcaption", { class: "hint" }, "Attendees on site each night, from their arrival day on; kids are counted in the kitchen report.")),
      h("details", {}, h("summary", {}, "Head counts as a table"), headCountTable(headCounts)),
    );
  } catch (error) {
    body.replaceChildren();
    ctx.failed(error, body);
  }
}
