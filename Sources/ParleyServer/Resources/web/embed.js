// Puts Parley's chat page on another site: a chat bubble in the corner that opens the page in a
// frame. Load it with a script element whose src is http://HOST:PORT/embed.js. Its data- attributes:
// data-host and data-port name another Parley server (default: the one that served this script);
// data-task starts the conversation in that task; data-label names the bubble; data-title,
// data-color (#rgb or #rrggbb), data-logo (an http(s) address) and data-lang (en, de) dress the
// chat; data-open opens it as the page loads.
//
// The host page drives it through window.Parley: open(), close(), toggle(), send(text) (opens the
// chat and sends text as the person), and on(event, handler) for "open", "close", "message"
// ({text, from: {role, name}}), "sent" ({text}) and "status" ({status}); on returns a function that
// removes the handler.
"use strict";

(() => {
  const script = document.currentScript;
  if (!script || window.Parley) return;
  const options = script.dataset;
  const source = new URL(script.src);
  const host = options.host || source.hostname;
  const port = options.port || source.port;
  const page = new URL("/", `${source.protocol}//${host.includes(":") ? `[${host}]` : host}${port ? `:${port}` : ""}`);
  for (const name of ["task", "title", "color", "logo", "lang"]) {
    if (options[name]) page.searchParams.set(name, options[name]);
  }
  const label = options.label || options.title || "Chat";
  const color = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(options.color || "") ? options.color : "#0a58ca";
  // Black or white text, whichever reads better on the colour (the page does the same for its buttons).
  const digits = color.length === 4 ? [...color.slice(1)].map((digit) => digit + digit) : color.slice(1).match(/../g);
  const luminance = digits.map((pair) => parseInt(pair, 16) / 255)
    .map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4))
    .reduce((sum, value, index) => sum + value * [0.2126, 0.7152, 0.0722][index], 0);
  const textColor = 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#fff" : "#000";
  const handlers = new Map();
  let queued = []; // texts to send once the chat page has loaded
  let loaded = false;

  const frame = document.createElement("iframe");
  frame.id = "parley-chat-frame";
  frame.title = label;
  frame.hidden = true;
  Object.assign(frame.style, {
    position: "fixed", right: "1rem", bottom: "5.5rem", zIndex: "2147483646",
    width: "min(24rem, calc(100vw - 2rem))", height: "min(38rem, calc(100vh - 7.5rem))",
    border: "1px solid #8e8e96", borderRadius: "0.9rem", background: "#fff", overflow: "hidden",
    boxShadow: "0 0.5rem 2rem rgba(0, 0, 0, 0.25)", colorScheme: "normal",
  });

  const bubble = document.createElement("button");
  bubble.id = "parley-chat-bubble";
  bubble.type = "button";
  bubble.textContent = label;
  bubble.setAttribute("aria-expanded", "false");
  bubble.setAttribute("aria-controls", frame.id);
  Object.assign(bubble.style, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483647",
    minWidth: "3.5rem", height: "3.5rem", padding: "0 1.1rem", border: "0", borderRadius: "1.75rem",
    background: color, color: textColor, font: "600 1rem system-ui, sans-serif", cursor: "pointer",
    boxShadow: "0 0.25rem 1rem rgba(0, 0, 0, 0.3)",
  });

  function emit(event, detail) {
    for (const handler of handlers.get(event) || []) {
      try {
        handler(detail);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function toggle(open) {
    if (open === !frame.hidden) return;
    // The page loads on first opening, so that a visitor who never opens it is not a person in the worlds.
    if (open && !frame.src) frame.src = page.href;
    frame.hidden = !open;
    bubble.setAttribute("aria-expanded", String(open));
    if (open) frame.focus();
    emit(open ? "open" : "close", {});
  }

  function deliver(text) {
    frame.contentWindow.postMessage({ parley: "send", text }, page.origin);
  }

  frame.addEventListener("load", () => {
    loaded = true;
    const waiting = queued;
    queued = [];
    // The page connects as it loads; its own outbox keeps a text until the connection is up.
    for (const text of waiting) deliver(text);
  });

  window.addEventListener("message", (event) => {
    if (event.source !== frame.contentWindow || event.origin !== page.origin) return;
    const data = event.data;
    if (!data || typeof data.parley !== "string") return;
    const { parley: name, ...detail } = data;
    if (["message", "sent", "status"].includes(name)) emit(name, detail);
    // Escape pressed inside the chat.
    if (name === "escape") {
      toggle(false);
      bubble.focus();
    }
  });

  bubble.addEventListener("click", () => toggle(frame.hidden));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !frame.hidden) {
      toggle(false);
      bubble.focus();
    }
  });

  window.Parley = Object.freeze({
    open() { toggle(true); },
    close() { toggle(false); },
    toggle() { toggle(frame.hidden); },
    send(text) {
      if (typeof text !== "string" || text.trim() === "") return;
      toggle(true);
      if (loaded) deliver(text);
      else queued.push(text);
    },
    on(event, handler) {
      if (typeof handler !== "function") return () => {};
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event).add(handler);
      return () => handlers.get(event).delete(handler);
    },
  });

  function mount() {
    document.body.append(frame, bubble);
    if ("open" in options && options.open !== "false") toggle(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
