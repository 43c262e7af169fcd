// The app shell: configuration, session, navigation and the page for the current hash.

import { Api, ApiError } from "./api.js";
import { loadConfig } from "./config.js";
import { h } from "./dom.js";
import { SECTION, homeFor, mayOpen, navigationFor, parseHash } from "./routes.js";
import { clearSession, loadSession } from "./session.js";
import { alertBox, notice, pageHeading } from "./ui.js";
import { renderAttendee } from "./views/attendee.js";
import { renderAttendeeForm } from "./views/attendee-form.js";
import { renderAttendees } from "./views/attendees.js";
import { renderKitchen } from "./views/kitchen.js";
import { renderReport } from "./views/report.js";
import { renderSignIn } from "./views/signin.js";
import { renderWorkshop, renderWorkshops } from "./views/workshops.js";

const VIEWS = {
  attendees: renderAttendees,
  "new-attendee": (ctx) => renderAttendeeForm(ctx, null),
  attendee: renderAttendee,
  "edit-attendee": renderAttendeeForm,
  report: renderReport,
  kitchen: renderKitchen,
  workshops: renderWorkshops,
  workshop: renderWorkshop,
};

class App {
  constructor(config) {
    this.config = config;
    this.session = loadSession();
    this.cache = {};
    this.flash = null;
    this.main = document.getElementById("main");
    this.nav = document.getElementById("nav");
    this.account = document.getElementById("account");
    this.announcer = document.getElementById("announcer");
  }

  start() {
    window.addEventListener("hashchange", () => this.route());
    document.getElementById("sign-out").addEventListener("click", () => this.signOut());
    this.route();
  }

  createApi(authorization) {
    return new Api(this.config.apiBase, authorization);
  }

  route(message) {
    if (!this.session) return this.show((ctx) => renderSignIn(ctx, message), "signin");
    const { route, params } = parseHash(window.location.hash);
    if (!route) return this.goHome();
    if (!mayOpen(this.session.role, route.name)) return this.show(renderNotAllowed, route.name);
    return this.show((ctx) => VIEWS[route.name](ctx, ...params), route.name);
  }

  goHome() {
    window.location.replace(homeFor(this.session.role));
  }

  show(render, name) {
    const view = h("div", { class: `view view-${name}`, testid: `view-${name}` });
    this.main.replaceChildren(view);
    this.renderChrome(name);
    const done = settle(() => render(this.context(view))).catch((error) => {
      view.append(alertBox(error.message));
      console.error(error);
    });
    const heading = view.querySelector("h1");
    if (heading) {
      document.title = `${heading.textContent} · CLAMS`;
      this.showFlash(view, heading);
      heading.focus();
    }
    return done;
  }

  showFlash(view, heading) {
    if (!this.flash) return;
    const top = [...view.children].find((child) => child.contains(heading));
    top.after(notice(this.flash, "flash"));
    this.flash = null;
  }

  context(view) {
    return {
      view,
      app: this,
      session: this.session,
      cache: this.cache,
      api: this.session ? this.createApi(this.session.authorization) : null,
      createApi: (authorization) => this.createApi(authorization),
      signedIn: (session) => this.signedIn(session),
      announce: (text) => this.announce(text),
      navigate: (hash) => {
        window.location.hash = hash;
      },
      failed: (error, where = view) => this.failed(error, where),
      flash: (text) => {
        this.flash = text;
      },
      attendeesChanged: () => {
        delete this.cache.attendeePages;
      },
    };
  }

  signedIn(session) {
    this.session = session;
    this.cache = {};
    const { route } = parseHash(window.location.hash);
    if (route && mayOpen(session.role, route.name)) this.route();
    else this.goHome();
    this.announce(`Signed in as ${session.username} (${session.role}).`);
  }

  signOut(message) {
    clearSession();
    this.session = null;
    this.cache = {};
    if (window.location.hash) window.history.replaceState(null, "", window.location.pathname);
    this.route(message);
    this.announce(message || "Signed out.");
  }

  failed(error, where) {
    if (error instanceof ApiError && error.status === 401) {
      return this.signOut("Your sign-in has ended. Please sign in again.");
    }
    const message =
      error instanceof ApiError && error.status === 403
        ? `Your role (${this.session.role}) may not do this. The API said: ${error.message}`
        : error.message;
    where.append(alertBox(message));
    if (!(error instanceof ApiError)) console.error(error);
    return undefined;
  }

  announce(text) {
    this.announcer.textContent = "";
    window.setTimeout(() => {
      this.announcer.textContent = text;
    }, 50);
  }

  renderChrome(current) {
    const signedIn = Boolean(this.session);
    this.nav.hidden = !signedIn;
    this.account.hidden = !signedIn;
    if (!signedIn) return this.nav.replaceChildren();
    document.getElementById("account-user").textContent =
      `${this.session.username} · ${this.session.role}`;
    const section = SECTION[current];
    const links = navigationFor(this.session.role).map((item) =>
      h(
        "li",
        {},
        h(
          "a",
          {
            href: item.hash,
            testid: `nav-${item.route}`,
            "aria-current": item.route === section ? "page" : undefined,
          },
          item.label,
        ),
      ),
    );
    return this.nav.replaceChildren(h("ul", {}, links));
  }
}

/** The render's promise, with a synchronous throw turned into a rejection. */
function settle(render) {
  try {
    return Promise.resolve(render());
  } catch (error) {
    return Promise.reject(error);
  }
}

function renderNotAllowed(ctx) {
  ctx.view.append(
    pageHeading("Not available to you"),
    h(
      "p",
      { testid: "not-allowed" },
      `Signed in as ${ctx.session.role}, you cannot open this page. `,
      h("a", { href: homeFor(ctx.session.role) }, "Go to your start page"),
      ".",
    ),
  );
}

new App(await loadConfig()).start();
