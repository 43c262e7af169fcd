// The CLAMS HTTP API (SPEC section 3), called with the signed-in user's Basic credentials.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export function basicAuthorization(username, password) {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

async function messageOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body.message === "string") return body.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim() || `The API answered ${response.status} ${response.statusText}`.trim();
}

async function bodyOf(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function encodeSegment(value) {
  return encodeURIComponent(String(value));
}

export class Api {
  constructor(apiBase, authorization) {
    this.apiBase = apiBase;
    this.authorization = authorization;
  }

  async request(method, path, { query, body } = {}) {
    const url = new URL(this.apiBase + path, window.location.href);
    for (const [key, value] of Object.entries(query || {})) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
    }
    const headers = { Authorization: this.authorization, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
      });
    } catch {
      throw new ApiError(0, "The CLAMS API cannot be reached. Check your connection and try again.");
    }
    if (!response.ok) throw new ApiError(response.status, await messageOf(response));
    return bodyOf(response);
  }

  me() {
    return this.request("GET", "/me");
  }

  listAttendees({ limit, nextToken } = {}) {
    return this.request("GET", "/attendees", { query: { limit, next_token: nextToken } });
  }

  async getAttendee(code) {
    const body = await this.request("GET", `/attendee/${encodeSegment(code)}`);
    const record = body && Array.isArray(body.Attendees) ? body.Attendees[0] : null;
    if (!record) throw new ApiError(404, `No attendee has the code ${code}.`);
    return record;
  }

  createAttendee(record) {
    return this.request("POST", "/attendees", { body: record });
  }

  replaceAttendee(code, record) {
    return this.request("PUT", `/attendee/${encodeSegment(code)}`, { body: record });
  }

  eraseAttendee(code) {
    return this.request("DELETE", `/attendee/${encodeSegment(code)}`);
  }

  exportAttendee(code) {
    return this.request("GET", `/attendee/${encodeSegment(code)}/export`);
  }

  report() {
    return this.request("GET", "/report");
  }

  kitchenReport() {
    return this.request("GET", "/report/kitchen");
  }

  async workshops() {
    const body = await this.request("GET", "/workshops");
    return Array.isArray(body) ? body : (body && body.Workshops) || [];
  }

  async workshopSignups(id) {
    const body = await this.request("GET", `/workshop/${encodeSegment(id)}/signups`);
    if (Array.isArray(body)) return body;
    return (body && (body.Signups || body.SignUps || body.Items)) || [];
  }
}
