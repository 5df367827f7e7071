// Warn before leaving a form with changes that have not been saved.
//
// A form marked with `data-app-unsaved-warning` remembers what its fields held when the
// page loaded. Leaving the page (a link, the back button, closing the tab) after any
// field has changed asks the browser to confirm first; submitting the form does not.
// A form shown again with what was typed but not saved (after an error or a conflict) is
// marked `data-app-unsaved-warning="unsaved"`: leaving it warns even before any change.
// Without JavaScript nothing happens: the page works as before.

function snapshot(form) {
  return JSON.stringify(
    Array.from(new FormData(form).entries()).filter(([name]) => name !== "csrf_token"),
  );
}

function watch(form) {
  const original = form.dataset.appUnsavedWarning === "unsaved" ? null : snapshot(form);
  let submitting = false;
  form.addEventListener("submit", () => {
    submitting = true;
  });
  window.addEventListener("beforeunload", (event) => {
    if (submitting || snapshot(form) === original) {
      return;
    }
    event.preventDefault();
    // Older browsers show the dialog only when a value is returned.
    event.returnValue = "";
  });
  // Coming back to the page from the browser's cache starts afresh.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      submitting = false;
    }
  });
}

document.querySelectorAll("form[data-app-unsaved-warning]").forEach(watch);
