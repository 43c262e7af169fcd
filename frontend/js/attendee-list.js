// The attendees the list page shows: pages fetched from the API on demand, then searched,
// filtered and sorted in the browser.

export const ARRIVAL_DAYS = ["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const NO_ARRIVAL_DAY = "none";

const collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

function fold(text) {
  return String(text || "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en-GB");
}

function due(attendee) {
  return Number(attendee.Financials?.AmountDue) || 0;
}

export const SORT_KEYS = {
  AuthCode: (a) => a.AuthCode || "",
  Name: (a) => a.Name || "",
  Email: (a) => a.Email || "",
  ArrivalDay: (a) => (ARRIVAL_DAYS.indexOf(a.ArrivalDay) + 6) % 6,
  NumberOfNights: (a) => Number(a.NumberOfNights) || 0,
  NumberOfKids: (a) => Number(a.NumberOfKids) || 0,
  AmountDue: due,
  Diet: (a) => a.Diet || "",
};

/** True when the query is part of the attendee's name, e-mail or booking code. */
export function matchesSearch(attendee, query) {
  const needle = fold(query).trim();
  if (!needle) return true;
  return [attendee.Name, attendee.Email, attendee.AuthCode].some((field) =>
    fold(field).includes(needle),
  );
}

export function matchesFilters(attendee, { arrivalDay = "", owes = false, diet = false }) {
  if (arrivalDay === NO_ARRIVAL_DAY && attendee.ArrivalDay) return false;
  if (arrivalDay && arrivalDay !== NO_ARRIVAL_DAY && attendee.ArrivalDay !== arrivalDay) {
    return false;
  }
  if (owes && due(attendee) <= 0) return false;
  return !(diet && !String(attendee.Diet || "").trim());
}

function compare(left, right) {
  if (typeof left === "number" && typeof right === "number") return left - right;
  return collator.compare(String(left), String(right));
}

export function sortAttendees(attendees, { key, descending = false }) {
  const valueOf = SORT_KEYS[key];
  if (!valueOf) return [...attendees];
  const sign = descending ? -1 : 1;
  return [...attendees].sort(
    (a, b) => sign * compare(valueOf(a), valueOf(b)) || collator.compare(a.AuthCode, b.AuthCode),
  );
}

/** True when the view needs every attendee (a search, a filter or a sort is active). */
export function needsEverything(state) {
  return Boolean(
    state.query.trim() || state.arrivalDay || state.owes || state.diet || state.sort.key,
  );
}

export function selectAttendees(attendees, state) {
  const chosen = attendees.filter(
    (attendee) => matchesSearch(attendee, state.query) && matchesFilters(attendee, state),
  );
  return state.sort.key ? sortAttendees(chosen, state.sort) : chosen;
}

/** The API's pages, fetched once each and in order; concurrent callers share a fetch. */
export class AttendeePages {
  constructor(api, pageSize) {
    this.api = api;
    this.pageSize = pageSize;
    this.records = [];
    this.nextToken = undefined;
    this.complete = false;
    this.pending = null;
  }

  loadNextPage() {
    if (this.complete) return Promise.resolve();
    if (!this.pending) {
      this.pending = this.fetchPage().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }

  async fetchPage() {
    const body = await this.api.listAttendees({ limit: this.pageSize, nextToken: this.nextToken });
    this.records.push(...((body && body.Attendees) || []));
    this.nextToken = body && body.NextToken;
    this.complete = !this.nextToken;
  }

  async ensure(count) {
    while (!this.complete && this.records.length < count) await this.loadNextPage();
  }

  async loadAll(onProgress = () => {}) {
    while (!this.complete) {
      await this.loadNextPage();
      onProgress(this.records.length, this.complete);
    }
  }
}
