// Workshops with their sign-up counts per role, and the sign-ups of one workshop.

import { h } from "../dom.js";
import { count, orDash, timestamp } from "../format.js";
import { loadingNote, pageHeading, scrollingTable } from "../ui.js";

function byRole(signupsByRole) {
  const entries = Object.entries(signupsByRole || {}).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return "None yet";
  return entries.map(([role, n]) => `${role}: ${count(n)}`).join(", ");
}

function total(signupsByRole) {
  return Object.values(signupsByRole || {}).reduce((sum, n) => sum + (Number(n) || 0), 0);
}

function workshopRow(workshop) {
  const href = `#/workshop/${encodeURIComponent(workshop.WorkshopId)}`;
  return h(
    "tr",
    { testid: `workshop-row-${workshop.WorkshopId}` },
    h("th", { scope: "row", "data-label": "Workshop" }, h("a", { href, testid: `workshop-link-${workshop.WorkshopId}` }, workshop.Title)),
    h("td", { "data-label": "By role" }, byRole(workshop.SignupsByRole)),
    h("td", { class: "numeric", "data-label": "Sign-ups" }, count(total(workshop.SignupsByRole))),
  );
}

export async function renderWorkshops(ctx) {
  const body = h("div", { testid: "workshops" }, loadingNote());
  ctx.view.append(pageHeading("Workshops"), body);
  try {
    const workshops = await ctx.api.workshops();
    ctx.cache.workshopTitles = Object.fromEntries(workshops.map((w) => [String(w.WorkshopId), w.Title]));
    if (!workshops.length) return body.replaceChildren(h("p", { testid: "no-workshops" }, "No workshops have sign-ups yet."));
    const table = h(
      "table",
      { class: "reflow" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Workshop"), h("th", { scope: "col" }, "By role"), h("th", { scope: "col", class: "numeric" }, "Sign-ups"))),
      h("tbody", {}, workshops.map(workshopRow)),
    );
    return body.replaceChildren(scrollingTable("Workshops and their sign-ups", table, "workshops-table"));
  } catch (error) {
    body.replaceChildren();
    return ctx.failed(error, body);
  }
}

/** The sign-up record's fields, under the names the sign-up processor may give them. */
function pick(record, ...names) {
  const name = names.find((n) => record[n] !== undefined && record[n] !== null && record[n] !== "");
  return name ? record[name] : "";
}

function personName(record) {
  const full = pick(record, "Name", "PersonName", "FullName");
  return full || [pick(record, "Forename"), pick(record, "Surname")].filter(Boolean).join(" ");
}

function signupRow(record) {
  return h(
    "tr",
    { testid: `signup-row-${pick(record, "SignupId")}` },
    h("th", { scope: "row", "data-label": "Name" }, orDash(personName(record))),
    h("td", { "data-label": "E-mail" }, orDash(pick(record, "Email"))),
    h("td", { "data-label": "Role" }, orDash(pick(record, "Role", "RoleName"))),
    h("td", { "data-label": "Signed up" }, timestamp(pick(record, "SignedUpOn", "SignedUp"))),
  );
}

export async function renderWorkshop(ctx, id) {
  const heading = pageHeading(`Workshop ${id}`);
  const body = h("div", { testid: "workshop-signups" }, loadingNote());
  ctx.view.append(h("p", { class: "back" }, h("a", { href: "#/workshops" }, "← All workshops")), heading, body);
  try {
    const signups = await ctx.api.workshopSignups(id);
    const known = (ctx.cache.workshopTitles || {})[id];
    const title = pick(signups[0] || {}, "Title", "WorkshopTitle") || known;
    if (title) heading.textContent = title;
    document.title = `${heading.textContent} · CLAMS`;
    const table = h(
      "table",
      { class: "reflow" },
      h("thead", {}, h("tr", {}, ["Name", "E-mail", "Role", "Signed up"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, signups.map(signupRow)),
    );
    body.replaceChildren(
      h("p", { testid: "signup-count" }, `${count(signups.length)} sign-ups.`),
      signups.length ? scrollingTable("Sign-ups", table, "signups-table") : null,
    );
  } catch (error) {
    body.replaceChildren();
    ctx.failed(error, body);
  }
}
