// Dialogue cards: drawing cards alone, the team-session presenter, the
// facilitator's second window and print buttons. Progressive enhancement:
// every page works without this module (all cards listed, links to the
// previous/next card, plain form posts); texts come from the templates.

const typing = (element) =>
  element.closest("input, textarea, select, [contenteditable='true']") !== null;
const interactive = (element) =>
  element.closest("a, button, input, textarea, select, summary, label") !== null;

function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function setUpDraw(deck) {
  const draw = deck.querySelector("[data-draw]");
  if (!draw || draw.dataset.ready) return;
  draw.dataset.ready = "1";
  draw.hidden = false;
  const select = draw.querySelector("[data-draw-theme]");
  const status = draw.querySelector("[data-draw-status]");
  let queue = [];
  const pool = () => {
    const theme = select.value;
    const scope = theme ? deck.querySelector(`[data-theme="${theme}"]`) : deck;
    return [...scope.querySelectorAll("[data-card]")];
  };
  select.addEventListener("change", () => { queue = []; });
  draw.querySelector("[data-draw-button]").addEventListener("click", () => {
    if (queue.length === 0) queue = shuffled(pool());
    const card = queue.shift();
    if (!card) return;
    deck.classList.add("deck--drawing");
    deck.querySelectorAll("[data-card].is-drawn").forEach((c) => c.classList.remove("is-drawn"));
    card.classList.add("is-drawn");
    const question = card.querySelector(".deck-card__question");
    status.textContent = `${status.dataset.template} ${question ? question.textContent : ""}`;
    card.scrollIntoView({ block: "center", behavior: "smooth" });
    card.focus({ preventScroll: true });
  });
  draw.querySelector("[data-draw-all]").addEventListener("click", () => {
    deck.classList.remove("deck--drawing");
    status.textContent = "";
  });
}

function setUpPresenter(presenter) {
  const cards = [...presenter.querySelectorAll("[data-card]")];
  const total = cards.length;
  const counter = presenter.querySelector("[data-counter]");
  const previous = presenter.querySelector("[data-previous]");
  const next = presenter.querySelector("[data-next]");
  const channel = "BroadcastChannel" in window
    ? new BroadcastChannel(`deck-session-${presenter.dataset.session}`)
    : null;
  let current = Number(presenter.dataset.current) || 1;

  const show = (index) => {
    current = Math.min(Math.max(index, 1), total);
    cards.forEach((card, i) => { card.hidden = i + 1 !== current; });
    counter.textContent = `${current} / ${total}`;
    previous.href = `?card=${Math.max(current - 1, 1)}`;
    next.href = `?card=${Math.min(current + 1, total)}`;
    previous.setAttribute("aria-disabled", String(current === 1));
    next.setAttribute("aria-disabled", String(current === total));
    presenter.dataset.current = String(current);
    history.replaceState(null, "", `?card=${current}`);
    if (channel) channel.postMessage({ card: current });
  };
  const go = (step) => show(current + step);

  previous.addEventListener("click", (event) => { event.preventDefault(); go(-1); });
  next.addEventListener("click", (event) => { event.preventDefault(); go(1); });
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      event.preventDefault(); go(1);
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      event.preventDefault(); go(-1);
    } else if (event.key === " " && !interactive(event.target)) {
      event.preventDefault(); go(event.shiftKey ? -1 : 1);
    }
  });

  // Touch: a horizontal swipe on the card moves like the arrow keys.
  const stage = presenter.querySelector("[data-stage]");
  let startX = null;
  stage.addEventListener("touchstart", (event) => {
    startX = event.changedTouches[0].clientX;
  }, { passive: true });
  stage.addEventListener("touchend", (event) => {
    if (startX === null) return;
    const dx = event.changedTouches[0].clientX - startX;
    startX = null;
    if (Math.abs(dx) > 60) go(dx < 0 ? 1 : -1);
  });

  const fullscreen = presenter.querySelector("[data-fullscreen]");
  if (fullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else presenter.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", () => {
      fullscreen.textContent = document.fullscreenElement
        ? presenter.dataset.labelLeave
        : presenter.dataset.labelFullscreen;
    });
  }

  const notesWindow = presenter.querySelector("[data-notes-window]");
  if (notesWindow) {
    notesWindow.addEventListener("click", (event) => {
      event.preventDefault();
      window.open(notesWindow.href, notesWindow.target, "popup,width=720,height=800");
    });
  }
  if (channel) {
    channel.addEventListener("message", (event) => {
      if (event.data && event.data.hello) channel.postMessage({ card: current });
    });
  }

  presenter.querySelectorAll("[data-record-form]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const status = form.querySelector("[data-status]");
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        const result = await response.json();
        status.textContent = result.ok
          ? form.dataset.saved
          : (result.errors || [form.dataset.failed]).join(" ");
        status.classList.toggle("is-error", !result.ok);
      } catch {
        status.textContent = form.dataset.failed;
        status.classList.add("is-error");
      }
    });
  });

  show(current);
}

function setUpNotesWindow(notes) {
  if (!("BroadcastChannel" in window)) return;
  const channel = new BroadcastChannel(`deck-session-${notes.dataset.session}`);
  channel.addEventListener("message", (event) => {
    const index = event.data && event.data.card;
    if (!index) return;
    notes.querySelectorAll(".is-current").forEach((el) => el.classList.remove("is-current"));
    const card = notes.querySelector(`[data-index="${index}"]`);
    if (card) {
      card.classList.add("is-current");
      card.scrollIntoView({ block: "center" });
    }
  });
  channel.postMessage({ hello: true });
}

document.querySelectorAll("[data-deck]").forEach(setUpDraw);
document.querySelectorAll("[data-presenter]").forEach(setUpPresenter);
document.querySelectorAll("[data-session-notes]").forEach(setUpNotesWindow);
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
