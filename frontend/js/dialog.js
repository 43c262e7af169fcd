// A modal confirmation: the native <dialog> keeps focus inside and closes on Escape.

import { h } from "./dom.js";

/**
 * Ask before doing something that cannot be undone. Resolves true only when the user
 * presses the confirming button; focus starts on "Cancel" and returns where it was.
 */
export function confirmDialog({ title, message, confirmLabel, testid = "confirm-dialog" }) {
  const opener = document.activeElement;
  const titleId = `${testid}-title`;
  const messageId = `${testid}-message`;
  const cancel = h("button", { type: "button", class: "button-quiet", testid: `${testid}-cancel` }, "Cancel");
  const confirm = h("button", { type: "button", class: "button-danger", testid: `${testid}-confirm` }, confirmLabel);
  const dialog = h(
    "dialog",
    { "aria-labelledby": titleId, "aria-describedby": messageId, testid },
    h("h2", { id: titleId }, title),
    h("p", { id: messageId }, message),
    h("div", { class: "actions" }, cancel, confirm),
  );
  return new Promise((resolve) => {
    cancel.addEventListener("click", () => dialog.close("cancel"));
    confirm.addEventListener("click", () => dialog.close("confirm"));
    dialog.addEventListener("close", () => {
      dialog.remove();
      if (opener && typeof opener.focus === "function") opener.focus();
      resolve(dialog.returnValue === "confirm");
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
