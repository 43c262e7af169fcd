// Sign-in with the API's Basic credentials; the role decides which pages follow.

import { h } from "../dom.js";
import { signIn } from "../session.js";
import { alertBox, pageHeading } from "../ui.js";

function field(id, label, type, autocomplete) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name: id, type, autocomplete, required: true, testid: `signin-${id}` }),
  );
}

export function renderSignIn(ctx, message) {
  const errors = h("div", { testid: "signin-errors" });
  if (message) errors.append(alertBox(message, "signin-message"));
  const submit = h("button", { type: "submit", class: "button", testid: "signin-submit" }, "Sign in");
  const form = h(
    "form",
    { class: "card signin", testid: "signin-form", "aria-describedby": "signin-help" },
    errors,
    h("p", { id: "signin-help", class: "hint" }, "Use the user name and password you were given for this event. You stay signed in until you close this tab."),
    field("username", "User name", "text", "username"),
    field("password", "Password", "password", "current-password"),
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    errors.replaceChildren(h("p", { class: "loading", role: "status" }, "Signing in…"));
    try {
      const session = await signIn(ctx.createApi, form.username.value.trim(), form.password.value);
      ctx.signedIn(session);
    } catch (error) {
      errors.replaceChildren(alertBox(error.message, "signin-error"));
      form.password.select();
      form.password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  ctx.view.append(pageHeading("Sign in to CLAMS"), form);
}
