// How numbers, money and dates read on screen (en-GB, whole pounds).

const LOCALE = "en-GB";
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const pounds = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "GBP",
  maximumFractionDigits: 0,
});
const poundsAndPence = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "GBP",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const day = new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "long", year: "numeric" });
const moment = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short" });

export const EM_DASH = "—";

export function count(value) {
  return whole.format(Number(value) || 0);
}

/** Whole pounds: 35 → "£35", -5 → "-£5". */
export function money(value) {
  return pounds.format(Number(value) || 0);
}

/** Pounds with pence, for averages: 12.5 → "£12.50". */
export function moneyWithPence(value) {
  return poundsAndPence.format(Number(value) || 0);
}

/** ISO "2027-05-02" → "2 May 2027"; BAMS text that is no date is shown as written. */
export function datePaid(value) {
  if (!value) return EM_DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return day.format(new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], 12)));
}

export function timestamp(value) {
  const parsed = value ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? moment.format(parsed) : value || EM_DASH;
}

export function yesNo(value) {
  return value ? "Yes" : "No";
}

export function orDash(value) {
  return value === undefined || value === null || value === "" ? EM_DASH : String(value);
}

/** What an attendee still owes, in words that do not hide an overpayment. */
export function amountDue(value) {
  const due = Number(value) || 0;
  if (due < 0) return `${money(-due)} overpaid`;
  return money(due);
}
