// The attendees table: search, filters, sorting and paging through the API's pages.

import {
  ARRIVAL_DAYS,
  AttendeePages,
  NO_ARRIVAL_DAY,
  needsEverything,
  selectAttendees,
} from "../attendee-list.js";
import { h } from "../dom.js";
import { amountDue, count, orDash } from "../format.js";
import { ROLES } from "../session.js";
import { linkButton, pageHeading } from "../ui.js";

const PAGE_SIZE = 50;

const COLUMNS = [
  { key: "AuthCode", label: "Code", cell: (a) => a.AuthCode },
  { key: "Name", label: "Name", cell: nameLink },
  { key: "Email", label: "E-mail", cell: (a) => a.Email },
  { key: "ArrivalDay", label: "Arrives", cell: (a) => orDash(a.ArrivalDay) },
  { key: "NumberOfNights", label: "Nights", cell: (a) => count(a.NumberOfNights), numeric: true },
  { key: "NumberOfKids", label: "Kids", cell: (a) => count(a.NumberOfKids), numeric: true },
  { key: "AmountDue", label: "Still owes", cell: (a) => amountDue(a.Financials?.AmountDue), numeric: true },
  { key: "Diet", label: "Dietary notes", cell: (a) => orDash(a.Diet) },
];

function nameLink(attendee) {
  const href = `#/attendee/${encodeURIComponent(attendee.AuthCode)}`;
  return h("a", { href, testid: `attendee-link-${attendee.AuthCode}` }, attendee.Name);
}

function initialState() {
  return { query: "", arrivalDay: "", owes: false, diet: false, sort: { key: "", descending: false }, page: 1 };
}

export function renderAttendees(ctx) {
  const state = (ctx.cache.attendeeList ||= initialState());
  const pages = (ctx.cache.attendeePages ||= new AttendeePages(ctx.api, PAGE_SIZE));
  const parts = buildPage(ctx, state);
  ctx.view.append(...parts.elements);
  let latest = 0;

  async function refresh() {
    const run = ++latest;
    const current = () => run === latest;
    try {
      await load(pages, state, parts, current);
      if (current()) show(pages, state, parts, refresh);
    } catch (error) {
      if (current()) ctx.failed(error, parts.errors);
    }
  }

  wireControls(parts, state, refresh);
  return refresh();
}

function buildPage(ctx, state) {
  const heading = pageHeading("Attendees");
  const actions = h("div", { class: "page-actions" });
  if (ctx.session.role === ROLES.ORGANISER) {
    actions.append(linkButton("#/attendees/new", "New attendee", "new-attendee"));
  }
  const controls = buildControls(state);
  const status = h("div", { class: "list-status", role: "status", testid: "list-status" });
  const errors = h("div", { testid: "list-errors" });
  const table = buildTable(state);
  const pager = h("nav", { class: "pager", "aria-label": "Pages of attendees", testid: "pager" });
  return {
    elements: [h("div", { class: "title-row" }, heading, actions), controls.form, status, errors, table.wrapper, pager],
    ...controls,
    status,
    errors,
    ...table,
    pager,
  };
}

function buildControls(state) {
  const search = h("input", { id: "search", type: "search", testid: "search", autocomplete: "off", value: state.query });
  const day = h(
    "select",
    { id: "filter-day", testid: "filter-day" },
    h("option", { value: "" }, "Any day"),
    ARRIVAL_DAYS.map((d) => h("option", { value: d, selected: state.arrivalDay === d }, d)),
    h("option", { value: NO_ARRIVAL_DAY, selected: state.arrivalDay === NO_ARRIVAL_DAY }, "Not given"),
  );
  const owes = h("input", { id: "filter-owes", type: "checkbox", testid: "filter-owes", checked: state.owes });
  const diet = h("input", { id: "filter-diet", type: "checkbox", testid: "filter-diet", checked: state.diet });
  const clear = h("button", { type: "button", class: "button-quiet", testid: "clear-filters" }, "Clear");
  const form = h(
    "form",
    { class: "list-controls", role: "search", "aria-label": "Find attendees", testid: "list-controls" },
    h("div", { class: "field field-search" }, h("label", { for: "search" }, "Search by name, e-mail or code"), search),
    h("div", { class: "field" }, h("label", { for: "filter-day" }, "Arrival day"), day),
    h("div", { class: "check" }, owes, h("label", { for: "filter-owes" }, "Still owes money")),
    h("div", { class: "check" }, diet, h("label", { for: "filter-diet" }, "Has dietary notes")),
    clear,
  );
  return { form, search, day, owes, diet, clear };
}

function buildTable(state) {
  const sortButtons = {};
  const headers = COLUMNS.map((column) => {
    const button = h("button", { type: "button", class: "sort", testid: `sort-${column.key}` }, column.label);
    sortButtons[column.key] = button;
    return h("th", { scope: "col", class: column.numeric ? "numeric" : undefined }, button);
  });
  const tbody = h("tbody", { testid: "attendee-rows" });
  const table = h(
    "table",
    { class: "attendees reflow", testid: "attendees-table" },
    h("caption", { class: "visually-hidden" }, "Attendees; select a column heading to sort by it"),
    h("thead", {}, h("tr", {}, headers)),
    tbody,
  );
  markSorted(sortButtons, state.sort);
  return { wrapper: h("div", { class: "table-scroll" }, table), tbody, sortButtons };
}

function wireControls(parts, state, refresh) {
  let typing;
  const again = () => {
    state.page = 1;
    refresh();
  };
  parts.search.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => {
      state.query = parts.search.value;
      again();
    }, 250);
  });
  parts.form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.query = parts.search.value;
    again();
  });
  parts.day.addEventListener("change", () => {
    state.arrivalDay = parts.day.value;
    again();
  });
  for (const name of ["owes", "diet"]) {
    parts[name].addEventListener("change", () => {
      state[name] = parts[name].checked;
      again();
    });
  }
  parts.clear.addEventListener("click", () => {
    Object.assign(state, { query: "", arrivalDay: "", owes: false, diet: false });
    parts.search.value = "";
    parts.day.value = "";
    parts.owes.checked = false;
    parts.diet.checked = false;
    parts.search.focus();
    again();
  });
  for (const [key, button] of Object.entries(parts.sortButtons)) {
    button.addEventListener("click", () => {
      const same = state.sort.key === key;
      state.sort = { key, descending: same && !state.sort.descending };
      markSorted(parts.sortButtons, state.sort);
      again();
    });
  }
}

function markSorted(sortButtons, sort) {
  for (const [key, button] of Object.entries(sortButtons)) {
    const th = button.parentElement;
    if (!th) continue;
    if (key === sort.key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
    else th.removeAttribute("aria-sort");
  }
}

async function load(pages, state, parts, current) {
  if (needsEverything(state) && !pages.complete) {
    const bar = h("progress", { testid: "loading-progress", "aria-label": "Loading all attendees" });
    const text = h("span", {}, "Loading every attendee to search, filter and sort them…");
    parts.status.replaceChildren(bar, " ", text);
    await pages.loadAll((loaded) => {
      if (current()) text.textContent = `Loading every attendee to search, filter and sort them: ${count(loaded)} so far…`;
    });
    return;
  }
  if (!pages.complete && pages.records.length < state.page * PAGE_SIZE) {
    parts.status.replaceChildren(h("span", { class: "loading" }, "Loading attendees…"));
  }
  await pages.ensure(state.page * PAGE_SIZE);
}

function show(pages, state, parts, refresh) {
  const chosen = selectAttendees(pages.records, state);
  const lastPage = Math.max(1, Math.ceil(chosen.length / PAGE_SIZE));
  if (pages.complete && state.page > lastPage) state.page = lastPage;
  const first = (state.page - 1) * PAGE_SIZE;
  const rows = chosen.slice(first, first + PAGE_SIZE);
  parts.tbody.replaceChildren(...rows.map(row));
  if (!rows.length) parts.tbody.append(emptyRow(pages, state));
  parts.status.replaceChildren(summary(pages, state, chosen.length, first, rows.length));
  parts.pager.replaceChildren(...pager(pages, state, chosen.length, refresh));
}

function row(attendee) {
  return h(
    "tr",
    { testid: `attendee-row-${attendee.AuthCode}` },
    COLUMNS.map((column) =>
      h(
        column.key === "Name" ? "th" : "td",
        { "data-label": column.label, scope: column.key === "Name" ? "row" : undefined, class: column.numeric ? "numeric" : undefined },
        column.cell(attendee),
      ),
    ),
  );
}

function emptyRow(pages, state) {
  const filtered = needsEverything(state) && (pages.records.length > 0);
  const text = filtered ? "No attendee matches the search and filters." : "There are no attendees yet.";
  return h("tr", {}, h("td", { colspan: String(COLUMNS.length), testid: "no-attendees" }, text));
}

function summary(pages, state, total, first, shown) {
  if (!shown) return h("span", { testid: "list-count", "data-total": String(total) }, "No attendees to show.");
  const what = needsEverything(state) ? "matching attendees" : "attendees";
  const more = pages.complete ? "" : " loaded so far";
  const text = `Showing ${count(first + 1)}–${count(first + shown)} of ${count(total)} ${what}${more}.`;
  return h("span", { testid: "list-count", "data-total": String(total) }, text);
}

function pager(pages, state, total, refresh) {
  const hasNext = state.page * PAGE_SIZE < total || (!pages.complete && !needsEverything(state));
  const go = (delta) => () => {
    state.page += delta;
    refresh().then(() => document.querySelector("[data-testid=page-number]")?.focus());
  };
  const previous = h("button", { type: "button", class: "button-quiet", testid: "page-previous", disabled: state.page <= 1, on: { click: go(-1) } }, "Previous page");
  const next = h("button", { type: "button", class: "button-quiet", testid: "page-next", disabled: !hasNext, on: { click: go(1) } }, "Next page");
  const number = h("span", { testid: "page-number", tabindex: "-1" }, `Page ${state.page}`);
  return [previous, number, next];
}
