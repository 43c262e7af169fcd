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

/** The role the pages follow: the widest of the user's roles (GET /me lists them). */
async function learnRole(api) {
  const me = await api.me();
  const roles = (me && Array.isArray(me.Roles) && me.Roles) || [];
  const widest = [ROLES.ORGANISER, ROLES.VIEWER, ROLES.KITCHEN].find((role) => roles.includes(role));
  if (!widest) throw new ApiError(403, "This user has no role in CLAMS.");
  return widest;
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
