// Organisers create and edit attendees; the API validates, and its messages appear next to
// the fields they name.

import { ApiError } from "../api.js";
import { ARRIVAL_DAYS } from "../attendee-list.js";
import { h } from "../dom.js";
import { splitFieldErrors } from "../field-errors.js";
import { loadingNote, pageHeading } from "../ui.js";

const FIELDS = [
  { key: "AuthCode", label: "Booking code", hint: "6 letters or digits, as in BAMS.", autocomplete: "off", autocapitalize: "characters" },
  { key: "Name", label: "Name", autocomplete: "name" },
  { key: "Email", label: "E-mail", type: "email", autocomplete: "email" },
  { key: "Telephone", label: "Telephone", type: "tel", autocomplete: "tel", optional: true },
  { key: "NumberOfKids", label: "Number of kids", number: true },
  { key: "Diet", label: "Dietary notes", hint: "Allergies and preferences, for the kitchen.", multiline: true, optional: true },
  { key: "ArrivalDay", label: "Arrival day", choices: ARRIVAL_DAYS },
  { key: "StayingLate", label: "Staying late (the extra Sunday night)", checkbox: true },
  { key: "AmountToPay", label: "Amount to pay (whole pounds)", number: true, money: true },
  { key: "AmountPaid", label: "Amount paid (whole pounds)", number: true, money: true },
  { key: "DatePaid", label: "Date paid", hint: "YYYY-MM-DD; leave empty when nothing is paid yet.", optional: true },
];
const FIELD_KEYS = FIELDS.map((f) => f.key);
const FINANCIAL_KEYS = ["AmountToPay", "AmountPaid", "DatePaid"];

function inputFor(field, id, describedBy) {
  const common = { id, name: field.key, testid: `input-${field.key}`, "aria-describedby": describedBy };
  if (field.multiline) return h("textarea", { ...common, rows: "3" });
  if (field.checkbox) return h("input", { ...common, type: "checkbox" });
  if (field.choices) {
    return h("select", common, h("option", { value: "" }, "Not given"), field.choices.map((c) => h("option", { value: c }, c)));
  }
  const numeric = field.number ? { inputmode: "numeric", pattern: "[0-9]*" } : {};
  return h("input", {
    ...common,
    ...numeric,
    type: field.type || "text",
    autocomplete: field.autocomplete,
    autocapitalize: field.autocapitalize,
    spellcheck: field.type ? "false" : undefined,
  });
}

function fieldRow(field) {
  const id = `attendee-${field.key}`;
  const hintId = field.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = inputFor(field, id, [hintId, errorId].filter(Boolean).join(" "));
  const label = h("label", { for: id }, field.label, field.optional ? h("span", { class: "optional" }, " (optional)") : null);
  const hint = field.hint ? h("p", { id: hintId, class: "hint" }, field.hint) : null;
  const error = h("p", { id: errorId, class: "field-error", testid: `error-${field.key}`, hidden: true });
  const control = field.money ? h("div", { class: "money-input" }, h("span", { "aria-hidden": "true" }, "£"), input) : input;
  const row = field.checkbox
    ? h("div", { class: "check" }, input, label, error)
    : h("div", { class: "field" }, label, hint, error, control);
  return { row, input, error };
}

function readInteger(text) {
  const value = text.trim();
  if (value === "") return 0;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** The record the form describes, as the API expects it; what the user typed is sent as is. */
function readRecord(inputs) {
  const value = (key) => inputs[key].value;
  return {
    AuthCode: value("AuthCode").trim(),
    Name: value("Name"),
    Email: value("Email").trim(),
    Telephone: value("Telephone"),
    NumberOfKids: readInteger(value("NumberOfKids")),
    Diet: value("Diet"),
    ArrivalDay: value("ArrivalDay"),
    StayingLate: inputs.StayingLate.checked,
    Financials: {
      AmountToPay: readInteger(value("AmountToPay")),
      AmountPaid: readInteger(value("AmountPaid")),
      DatePaid: value("DatePaid").trim(),
    },
  };
}

function fill(inputs, attendee) {
  const money = attendee.Financials || {};
  for (const key of FIELD_KEYS) {
    const value = FINANCIAL_KEYS.includes(key) ? money[key] : attendee[key];
    if (key === "StayingLate") inputs[key].checked = Boolean(value);
    else inputs[key].value = value === undefined || value === null ? "" : String(value);
  }
}

class ErrorDisplay {
  constructor(summary, rows) {
    this.summary = summary;
    this.rows = rows;
  }

  clear() {
    this.summary.replaceChildren();
    this.summary.hidden = true;
    for (const { input, error } of Object.values(this.rows)) {
      error.hidden = true;
      error.textContent = "";
      input.removeAttribute("aria-invalid");
    }
  }

  show(message, forceField) {
    const split = forceField
      ? { fields: { [forceField]: [message] }, general: [] }
      : splitFieldErrors(message, FIELD_KEYS);
    const items = split.general.map((text) => h("li", {}, text));
    for (const [key, texts] of Object.entries(split.fields)) {
      const { input, error } = this.rows[key];
      error.textContent = texts.join(" ");
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      const label = FIELDS.find((f) => f.key === key).label;
      items.push(h("li", {}, h("a", { href: `#${input.id}`, on: { click: focusField(input) } }, `${label}: ${texts.join(" ")}`)));
    }
    this.summary.replaceChildren(h("h2", {}, "The attendee was not saved"), h("ul", {}, items));
    this.summary.hidden = false;
    this.summary.focus();
  }
}

function focusField(input) {
  return (event) => {
    event.preventDefault();
    input.focus();
  };
}

function savedCode(body, record) {
  const saved = body && (Array.isArray(body.Attendees) ? body.Attendees[0] : body);
  return (saved && saved.AuthCode) || record.AuthCode.toUpperCase();
}

async function save(ctx, existingCode, inputs) {
  const record = readRecord(inputs);
  const body = existingCode
    ? await ctx.api.replaceAttendee(existingCode, record)
    : await ctx.api.createAttendee(record);
  const code = existingCode || savedCode(body, record);
  ctx.attendeesChanged();
  ctx.flash(existingCode ? "The changes were saved." : "The attendee was created.");
  ctx.navigate(`#/attendee/${encodeURIComponent(code)}`);
}

function explainFailure(error, errors, ctx) {
  if (!(error instanceof ApiError)) return ctx.failed(error, errors.summary);
  if (error.status === 400 || error.status === 422) return errors.show(error.message);
  if (error.status === 409) return errors.show(error.message, "AuthCode");
  errors.summary.hidden = false;
  return ctx.failed(error, errors.summary);
}

function buildForm(existingCode) {
  const rows = Object.fromEntries(FIELDS.map((field) => [field.key, fieldRow(field)]));
  const inputs = Object.fromEntries(Object.entries(rows).map(([key, row]) => [key, row.input]));
  if (existingCode) inputs.AuthCode.readOnly = true;
  const summary = h("div", { class: "error-summary", tabindex: "-1", role: "alert", testid: "form-errors", hidden: true });
  const submit = h("button", { type: "submit", class: "button", testid: "save-attendee" }, existingCode ? "Save changes" : "Create attendee");
  const cancelHref = existingCode ? `#/attendee/${encodeURIComponent(existingCode)}` : "#/attendees";
  const group = (legend, keys) => h("fieldset", {}, h("legend", {}, legend), keys.map((k) => rows[k].row));
  const form = h(
    "form",
    { class: "attendee-form", novalidate: true, testid: "attendee-form" },
    summary,
    group("Booking", ["AuthCode", "Name", "Email", "Telephone", "NumberOfKids", "Diet"]),
    group("Stay", ["ArrivalDay", "StayingLate"]),
    group("Payments", FINANCIAL_KEYS),
    h("div", { class: "actions" }, submit, h("a", { href: cancelHref, testid: "cancel-edit" }, "Cancel")),
  );
  return { form, inputs, submit, errors: new ErrorDisplay(summary, rows) };
}

export async function renderAttendeeForm(ctx, existingCode) {
  const title = existingCode ? `Edit attendee ${existingCode}` : "New attendee";
  const { form, inputs, submit, errors } = buildForm(existingCode);
  const status = h("div", { testid: "form-status" });
  ctx.view.append(pageHeading(title), status, form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    submit.disabled = true;
    try {
      await save(ctx, existingCode, inputs);
    } catch (error) {
      explainFailure(error, errors, ctx);
    } finally {
      submit.disabled = false;
    }
  });
  if (!existingCode) return;
  form.hidden = true;
  status.append(loadingNote());
  try {
    fill(inputs, await ctx.api.getAttendee(existingCode));
    form.hidden = false;
    status.replaceChildren();
  } catch (error) {
    status.replaceChildren();
    ctx.failed(error, status);
  }
}
