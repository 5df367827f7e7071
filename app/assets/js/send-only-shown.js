// A box marked `data-app-send-only-shown` belongs to the radio choice that reveals it: an
// action's owner's name belongs to "Someone else". GOV.UK Frontend hides the box when
// another choice is picked, but the form would still send what was typed in it, and the
// service would ask about a name nobody can see. So a hidden box is left out of what the
// form sends (and is sent again as soon as its choice is picked).
// Without JavaScript nothing happens: the box stays in view below its choice, and the
// service asks about a name typed beside a team member.

function hidden(box) {
  return box.closest(".govuk-radios__conditional--hidden") !== null;
}

document.querySelectorAll("form").forEach((form) => {
  const boxes = form.querySelectorAll("[data-app-send-only-shown]");
  if (!boxes.length) {
    return;
  }
  form.addEventListener("submit", () => {
    boxes.forEach((box) => {
      box.disabled = hidden(box);
    });
  });
  // Coming back to the page from the browser's cache: every box is as it was typed.
  window.addEventListener("pageshow", () => {
    boxes.forEach((box) => {
      box.disabled = false;
    });
  });
});
