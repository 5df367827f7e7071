// The timeout warning: before the idle timeout signs someone out, a modal dialog says
// so and offers "Stay signed in" (a POST, with the page's CSRF token, to a small
// endpoint: any request counts as activity). Without JavaScript there is no dialog; a
// save that arrives after the timeout is kept for the person to check after signing in.

const dialog = document.getElementById("app-timeout-warning");

function inWords(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

// What a screen reader hears: at each whole minute, then every 20 seconds in the last
// minute, and the final 10 seconds once. Never every second.
function worthAnnouncing(seconds, lastAnnounced) {
  if (lastAnnounced === null) return true;
  if (seconds >= 60) return Math.ceil(seconds / 60) !== Math.ceil(lastAnnounced / 60);
  return seconds === 40 || seconds === 20 || seconds === 10;
}

function start(dialog) {
  const warningSeconds = Number(dialog.dataset.warningSeconds);
  const keepAliveUrl = dialog.dataset.keepAliveUrl;
  const csrfToken = dialog.dataset.csrfToken;
  const countdown = dialog.querySelector(".app-timeout-warning__countdown");
  const announcer = dialog.querySelector(".app-timeout-warning__announcer");
  const stayButton = dialog.querySelector(".app-timeout-warning__stay");
  const signedOutPart = dialog.querySelector(".app-timeout-warning__signed-out");
  const signedInPart = dialog.querySelector(".app-timeout-warning__signed-in");
  const closeButton = dialog.querySelector(".app-timeout-warning__close");

  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
  let warnTimer = null;
  let tickTimer = null;
  let lastAnnounced = null;
  let focusBefore = null;

  const secondsLeft = () => Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));

  function schedule() {
    clearTimeout(warnTimer);
    const wait = Math.max(0, (secondsLeft() - warningSeconds) * 1000);
    warnTimer = setTimeout(open, wait);
  }

  function tick() {
    const seconds = secondsLeft();
    countdown.textContent = inWords(seconds);
    if (worthAnnouncing(seconds, lastAnnounced)) {
      announcer.textContent = `We will sign you out in ${inWords(seconds)}.`;
      lastAnnounced = seconds;
    }
    if (seconds === 0) {
      signedOut();
    }
  }

  function open() {
    if (dialog.open) return;
    focusBefore = document.activeElement;
    lastAnnounced = null;
    signedInPart.hidden = false;
    signedOutPart.hidden = true;
    dialog.setAttribute("aria-labelledby", "app-timeout-warning-heading");
    tick();
    dialog.showModal();
    dialog.focus();
    clearInterval(tickTimer);
    tickTimer = setInterval(tick, 1000);
  }

  function close() {
    clearInterval(tickTimer);
    dialog.close();
    if (focusBefore && document.contains(focusBefore)) focusBefore.focus();
  }

  // Time ran out: say so, and leave the page as it is. Whatever the person typed is
  // still on it; if they save it, it is kept until they sign in again.
  function signedOut() {
    clearInterval(tickTimer);
    clearTimeout(warnTimer);
    signedInPart.hidden = true;
    signedOutPart.hidden = false;
    dialog.setAttribute("aria-labelledby", "app-timeout-warning-signed-out-heading");
    if (!dialog.open) {
      focusBefore = document.activeElement;
      dialog.showModal();
    }
    dialog.focus();
  }

  async function staySignedIn() {
    stayButton.disabled = true;
    try {
      const response = await fetch(keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-CSRFToken": csrfToken,
        },
        body: new URLSearchParams({ csrf_token: csrfToken }),
      });
      const answer = response.ok ? await response.json() : { signed_in: false };
      if (answer.signed_in) {
        endsAt = Date.now() + answer.seconds_left * 1000;
        // Near the end of the working day's limit, staying signed in cannot add time:
        // the warning stays, counting down to the real end.
        if (secondsLeft() > warningSeconds) {
          close();
          schedule();
        }
      } else {
        signedOut();
      }
    } catch {
      // The service could not be reached: the countdown carries on, so they can try again.
    } finally {
      stayButton.disabled = false;
    }
  }

  stayButton.addEventListener("click", staySignedIn);
  closeButton.addEventListener("click", close);
  // Escape means "not now, I'm still here": it keeps them signed in, as the button does.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (signedOutPart.hidden) staySignedIn();
    else close();
  });
  schedule();
}

if (dialog && typeof dialog.showModal === "function") {
  start(dialog);
}
