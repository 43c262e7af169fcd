// Hash routes (#/attendees, #/attendee/CODE, ...) and which roles may open each of them.

import { ROLES } from "./session.js";

const READERS = [ROLES.ORGANISER, ROLES.VIEWER];
const EVERYONE = [ROLES.ORGANISER, ROLES.VIEWER, ROLES.KITCHEN];
const ORGANISERS = [ROLES.ORGANISER];

export const ROUTES = [
  { name: "attendees", pattern: /^\/attendees$/, roles: READERS },
  { name: "new-attendee", pattern: /^\/attendees\/new$/, roles: ORGANISERS },
  { name: "attendee", pattern: /^\/attendee\/([^/]+)$/, roles: READERS },
  { name: "edit-attendee", pattern: /^\/attendee\/([^/]+)\/edit$/, roles: ORGANISERS },
  { name: "report", pattern: /^\/report$/, roles: READERS },
  { name: "kitchen", pattern: /^\/kitchen$/, roles: EVERYONE },
  { name: "workshops", pattern: /^\/workshops$/, roles: READERS },
  { name: "workshop", pattern: /^\/workshop\/([^/]+)$/, roles: READERS },
];

export const NAVIGATION = [
  { label: "Attendees", hash: "#/attendees", route: "attendees" },
  { label: "Report", hash: "#/report", route: "report" },
  { label: "Kitchen", hash: "#/kitchen", route: "kitchen" },
  { label: "Workshops", hash: "#/workshops", route: "workshops" },
];

/** The section of the navigation a route belongs to, for aria-current. */
export const SECTION = {
  attendees: "attendees",
  "new-attendee": "attendees",
  attendee: "attendees",
  "edit-attendee": "attendees",
  report: "report",
  kitchen: "kitchen",
  workshops: "workshops",
  workshop: "workshops",
};

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseHash(hash) {
  const path = (hash || "").replace(/^#/, "").split("?")[0] || "/";
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map(decode) };
  }
  return { route: null, params: [], path };
}

export function mayOpen(role, routeName) {
  const route = ROUTES.find((r) => r.name === routeName);
  return Boolean(route && route.roles.includes(role));
}

export function homeFor(role) {
  return role === ROLES.KITCHEN ? "#/kitchen" : "#/attendees";
}

export function navigationFor(role) {
  return NAVIGATION.filter((item) => mayOpen(role, item.route));
}
