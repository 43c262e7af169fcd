// The signed-in user, kept in sessionStorage only: it ends when the tab is closed.

import { ApiError, basicAuthorization } from "./api.js";

const STORAGE_KEY = "clams.session";

export const ROLES = Object.freeze({
  ORGANISER: "organiser",
  VIEWER: "viewer",
  KITCHEN: "kitchen",
});

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
    const known = Object.values(ROLES);
    if (session && session.authorization && known.includes(session.role)) return session;
  } catch {
    // a damaged entry counts as signed out
  }
  return null;
}

export function saveSession(session) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(STORAGE_KEY);
}

function refusedWith(error, ...statuses) {
  return error instanceof ApiError && statuses.includes(error.status);
}

/**
 * The API has no "who am I" route, so the role is learnt by what it lets the user do.
 * Every role may read the kitchen report; only organisers and viewers may list attendees;
 * only organisers may write. The write probe sends an invalid record to an invalid code:
 * the authorizer refuses a non-organiser (403) before the API would refuse the record
 * (400), so nothing is ever changed.
 */
async function learnRole(api) {
  await api.kitchenReport();
  try {
    await api.listAttendees({ limit: 1 });
  } catch (error) {
    if (refusedWith(error, 403)) return ROLES.KITCHEN;
    throw error;
  }
  try {
    await api.replaceAttendee("-", {});
  } catch (error) {
    if (refusedWith(error, 403)) return ROLES.VIEWER;
    if (refusedWith(error, 0, 401)) throw error;
  }
  return ROLES.ORGANISER;
}

export async function signIn(createApi, username, password) {
  const authorization = basicAuthorization(username, password);
  const api = createApi(authorization);
  try {
    const role = await learnRole(api);
    const session = { username, authorization, role };
    saveSession(session);
    return session;
  } catch (error) {
    if (refusedWith(error, 401, 403)) {
      throw new ApiError(error.status, "The user name or password is not right.");
    }
    throw error;
  }
}
