// Puts Parley's chat page on another site: a chat bubble in the corner that opens the page in an
// iframe. Load it with a script element whose src is http://HOST:PORT/embed.js;
// data-host and data-port name another Parley server (default: the one that served this script),
// data-task is sent after the greeting (the page's ?task=), data-label names the bubble.
"use strict";

(() => {
  const script = document.currentScript;
  if (!script) return;
  const source = new URL(script.src);
  const host = script.dataset.host || source.hostname;
  const port = script.dataset.port || source.port;
  const page = new URL("/", `${source.protocol}//${host.includes(":") ? `[${host}]` : host}${port ? `:${port}` : ""}`);
  if (script.dataset.task) page.searchParams.set("task", script.dataset.task);
  const label = script.dataset.label || "Chat";

  const frame = document.createElement("iframe");
  frame.id = "parley-chat-frame";
  frame.title = label;
  frame.hidden = true;
  Object.assign(frame.style, {
    position: "fixed", right: "1rem", bottom: "5rem", zIndex: "2147483646",
    width: "min(24rem, calc(100vw - 2rem))", height: "min(36rem, calc(100vh - 7rem))",
    border: "1px solid #8e8e96", borderRadius: "0.75rem", background: "#fff",
    boxShadow: "0 0.5rem 2rem rgba(0, 0, 0, 0.25)",
  });

  const bubble = document.createElement("button");
  bubble.id = "parley-chat-bubble";
  bubble.type = "button";
  bubble.textContent = label;
  bubble.setAttribute("aria-expanded", "false");
  bubble.setAttribute("aria-controls", frame.id);
  Object.assign(bubble.style, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483647",
    minWidth: "3.5rem", height: "3.5rem", padding: "0 1rem", border: "0", borderRadius: "1.75rem",
    background: "#0a58ca", color: "#fff", font: "600 1rem system-ui, sans-serif", cursor: "pointer",
    boxShadow: "0 0.25rem 1rem rgba(0, 0, 0, 0.3)",
  });

  function toggle(open) {
    // The page loads on first opening, so that a visitor who never opens it is not a person in the worlds.
    if (open && !frame.src) frame.src = page.href;
    frame.hidden = !open;
    bubble.setAttribute("aria-expanded", String(open));
    if (open) frame.focus();
  }

  bubble.addEventListener("click", () => toggle(frame.hidden));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !frame.hidden) {
      toggle(false);
      bubble.focus();
    }
  });
  if (document.body) {
    document.body.append(frame, bubble);
  } else {
    document.addEventListener("DOMContentLoaded", () => document.body.append(frame, bubble));
  }
})();
