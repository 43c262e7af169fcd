// One attendee with all their fields; organisers may edit, export and erase.

import { confirmDialog } from "../dialog.js";
import { h } from "../dom.js";
import { amountDue, count, datePaid, money, orDash, timestamp, yesNo } from "../format.js";
import { ROLES } from "../session.js";
import { facts, linkButton, loadingNote, pageHeading } from "../ui.js";

function contactLink(scheme, value, testid) {
  if (!value) return h("span", { testid }, orDash(value));
  return h("a", { href: `${scheme}:${value}`, testid }, value);
}

function detailSections(a) {
  const money_ = a.Financials || {};
  return [
    h("h2", {}, "Booking"),
    facts([
      ["Booking code", h("span", { testid: "field-AuthCode" }, a.AuthCode)],
      ["Name", h("span", { testid: "field-Name" }, a.Name)],
      ["E-mail", contactLink("mailto", a.Email, "field-Email")],
      ["Telephone", contactLink("tel", a.Telephone, "field-Telephone")],
      ["Kids", h("span", { testid: "field-NumberOfKids" }, count(a.NumberOfKids))],
      ["Dietary notes", h("span", { testid: "field-Diet", class: "pre" }, orDash(a.Diet))],
    ]),
    h("h2", {}, "Stay"),
    facts([
      ["Arrival day", h("span", { testid: "field-ArrivalDay" }, orDash(a.ArrivalDay))],
      ["Staying late (Sunday night)", h("span", { testid: "field-StayingLate" }, yesNo(a.StayingLate))],
      ["Nights on site", h("span", { testid: "field-NumberOfNights" }, count(a.NumberOfNights))],
    ]),
    h("h2", {}, "Payments"),
    facts([
      ["To pay", h("span", { testid: "field-AmountToPay" }, money(money_.AmountToPay))],
      ["Paid", h("span", { testid: "field-AmountPaid" }, money(money_.AmountPaid))],
      ["Still owes", h("span", { testid: "field-AmountDue" }, amountDue(money_.AmountDue))],
      ["Date paid", h("span", { testid: "field-DatePaid" }, datePaid(money_.DatePaid))],
    ]),
    h("h2", {}, "Record"),
    facts([
      ["Created", h("span", { testid: "field-CreatedTime" }, timestamp(a.CreatedTime))],
      ["Last changed", h("span", { testid: "field-UpdatedTime" }, timestamp(a.UpdatedTime))],
    ]),
  ];
}

function organiserActions(ctx, attendee, errors) {
  const code = encodeURIComponent(attendee.AuthCode);
  const exportButton = h("button", { type: "button", class: "button-quiet", testid: "export-attendee" }, "Download their data (GDPR)");
  const erase = h("button", { type: "button", class: "button-danger", testid: "erase-attendee" }, "Erase…");
  exportButton.addEventListener("click", () => downloadExport(ctx, attendee, errors));
  erase.addEventListener("click", () => eraseAttendee(ctx, attendee, errors, erase));
  return h(
    "div",
    { class: "page-actions", testid: "attendee-actions" },
    linkButton(`#/attendee/${code}/edit`, "Edit", "edit-attendee"),
    exportButton,
    erase,
  );
}

async function downloadExport(ctx, attendee, errors) {
  errors.replaceChildren();
  try {
    const data = await ctx.api.exportAttendee(attendee.AuthCode);
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `clams-${attendee.AuthCode}.json` });
    link.click();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    ctx.announce("The export was downloaded.");
  } catch (error) {
    ctx.failed(error, errors);
  }
}

async function eraseAttendee(ctx, attendee, errors, button) {
  const confirmed = await confirmDialog({
    title: `Erase ${attendee.Name}?`,
    message: `This removes ${attendee.Name} (${attendee.AuthCode}) from every CLAMS store, including workshop sign-ups, and cannot be undone.`,
    confirmLabel: "Erase for good",
    testid: "erase-dialog",
  });
  if (!confirmed) return;
  errors.replaceChildren();
  button.disabled = true;
  try {
    await ctx.api.eraseAttendee(attendee.AuthCode);
    ctx.attendeesChanged();
    ctx.flash(`${attendee.Name} (${attendee.AuthCode}) was erased.`);
    ctx.navigate("#/attendees");
  } catch (error) {
    button.disabled = false;
    ctx.failed(error, errors);
  }
}

export async function renderAttendee(ctx, code) {
  const heading = pageHeading(`Attendee ${code}`);
  const body = h("div", { testid: "attendee-details" }, loadingNote());
  const errors = h("div", { testid: "attendee-errors" });
  ctx.view.append(h("p", { class: "back" }, h("a", { href: "#/attendees" }, "← All attendees")), heading, errors, body);
  try {
    const attendee = await ctx.api.getAttendee(code);
    heading.textContent = attendee.Name;
    document.title = `${attendee.Name} · CLAMS`;
    body.replaceChildren(...detailSections(attendee));
    if (ctx.session.role === ROLES.ORGANISER) heading.after(organiserActions(ctx, attendee, errors));
  } catch (error) {
    body.replaceChildren();
    ctx.failed(error, errors);
  }
}
