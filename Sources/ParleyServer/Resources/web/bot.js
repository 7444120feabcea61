// Parley's chat page for the reply API in stateful mode (docs/reply-api.md).
//
// The user id lives in a cookie, so the server keeps the conversation across reloads. Each
// output's tags ("[head-nod]", "[select 3]") are taken out of the text shown; page code gets them
// from the message's data-tags attribute and from a bubbling "parley:tags" event whose detail is
// {tags: [{tag, name, args}], text, output}. While an idle timer runs, the log's data-idle
// attribute holds its delay in seconds; any input sent clears it. Every text is inserted as text,
// never as HTML. When the server needs an API key (401), the page asks for one, keeps it in the
// tab's sessionStorage, sends it as `Authorization: Bearer KEY` and sends again what was refused;
// a link may carry the key in its fragment (`/bot#key=KEY`), which never reaches a server's logs.
"use strict";

(() => {
  const cookieName = "parley_userid";
  const cookieDays = 365;
  const validUserID = /^[A-Za-z0-9._:@-]{1,128}$/;
  const keptMessages = 200;
  const longestTimer = 2147483647; // milliseconds: setTimeout fires at once beyond this

  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const form = document.getElementById("composer");
  const field = document.getElementById("message");
  const keyForm = document.getElementById("key-form");
  const keyField = document.getElementById("key");
  const keyStorage = "parley-bot:key";
  const mind = new URLSearchParams(location.search).get("mind") || "";
  const user = userID();
  const historyKey = `parley-bot:${mind}:${user}`;

  let queue = Promise.resolve();
  let pending = 0;
  let idleTimer = null;
  let key = takeKey();
  let refused = []; // inputs the server refused for want of a key, sent again once one is given

  // The API key from the link's fragment (then taken out of the address bar) or from the tab's storage.
  function takeKey() {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get("key");
    if (fromLink) {
      history.replaceState(null, "", location.pathname + location.search);
      storeKey(fromLink);
      return fromLink;
    }
    try {
      return sessionStorage.getItem(keyStorage) || "";
    } catch {
      return "";
    }
  }

  function storeKey(value) {
    try {
      sessionStorage.setItem(keyStorage, value);
    } catch {
      // Storage disabled: the key lasts as long as the page.
    }
  }

  function askForKey(message) {
    status.textContent = message;
    keyForm.hidden = false;
    form.hidden = true;
    keyField.focus();
  }

  // The user id from the cookie, or a new random one (kept for a year).
  function userID() {
    for (const part of document.cookie.split(";")) {
      const [name, value] = part.trim().split("=");
      if (name === cookieName && validUserID.test(value || "")) return value;
    }
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    const id = "web-" + Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    document.cookie = `${cookieName}=${id}; Path=/; Max-Age=${cookieDays * 86400}; SameSite=Lax`;
    return id;
  }

  // The output's text without its tags, and the tags in order. A run of tags and the spaces
  // around it becomes one space.
  function parseOutput(output) {
    const tags = [];
    const text = output
      .replace(/[ \t]*(?:\[[^\[\]]*\][ \t]*)+/g, (run) => {
        for (const [tag, inside] of run.matchAll(/\[([^\[\]]*)\]/g)) {
          const words = inside.trim().split(/\s+/).filter((word) => word !== "");
          tags.push({ tag, name: words[0] || "", args: words.slice(1) });
        }
        return " ";
      })
      .trim();
    return { text, tags };
  }

  // Appends a message to the log; its text is set as text.
  function show(role, text, tags) {
    const item = document.createElement("li");
    item.className = `message ${role}`;
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = role === "user" ? "You: " : "Bot: ";
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    item.append(speaker, body);
    if (tags.length > 0) item.dataset.tags = tags.map((tag) => tag.tag).join(" ");
    log.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  // The messages shown in this tab, kept in session storage so that a reload shows them again.
  function remember(role, text, tags) {
    const kept = recalled();
    kept.push({ role, text, tags });
    try {
      sessionStorage.setItem(historyKey, JSON.stringify(kept.slice(-keptMessages)));
    } catch {
      // Storage full or disabled: the conversation goes on without it.
    }
  }

  function recalled() {
    try {
      const kept = JSON.parse(sessionStorage.getItem(historyKey) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch {
      return [];
    }
  }

  // Shows the messages kept for this tab; returns how many.
  function restore() {
    let shown = 0;
    for (const entry of recalled()) {
      if (entry && typeof entry.text === "string" && Array.isArray(entry.tags)) {
        show(entry.role === "user" ? "user" : "bot", entry.text, entry.tags);
        shown += 1;
      }
    }
    return shown;
  }

  // Shows an output and tells page code about its tags.
  function receive(output) {
    const { text, tags } = parseOutput(output);
    let item = null;
    if (text !== "") {
      item = show("bot", text, tags);
      remember("bot", text, tags);
    }
    if (tags.length > 0) {
      const detail = { tags, text, output };
      (item || log).dispatchEvent(new CustomEvent("parley:tags", { bubbles: true, detail }));
    }
  }

  function clearIdle() {
    clearTimeout(idleTimer);
    idleTimer = null;
    delete log.dataset.idle;
  }

  // After `seconds` without user input, sends "[idle seconds]" (docs/minds-reference.md#control-inputs-idle-rules-and-output-tags).
  function startIdle(seconds) {
    clearIdle();
    if (seconds * 1000 > longestTimer) return;
    log.dataset.idle = String(seconds);
    idleTimer = setTimeout(() => send(`[idle ${seconds}]`, false), seconds * 1000);
  }

  // Queues one turn; turns run one at a time, in order.
  function send(input, fromUser) {
    clearIdle();
    pending += 1;
    if (fromUser) {
      show("user", input, []);
      remember("user", input, []);
    }
    queue = queue.then(() => exchange(input)).finally(() => {
      pending -= 1;
    });
  }

  async function exchange(input) {
    log.setAttribute("aria-busy", "true");
    try {
      const body = new URLSearchParams({ userid: user, input });
      if (mind !== "") body.set("mind", mind);
      const headers = { Accept: "application/json" };
      if (key !== "") headers.Authorization = `Bearer ${key}`;
      const response = await fetch("/reply", { method: "POST", body, headers, cache: "no-store" });
      const answer = await response.json().catch(() => null);
      if (response.status === 401) {
        refused.push(input);
        askForKey(key === "" ? "This server needs an API key." : "That API key is not valid here; enter another.");
        return;
      }
      if (!response.ok) {
        const message = answer && answer.error && answer.error.message;
        status.textContent = message ? `Error: ${message}` : `Error: the server answered ${response.status}.`;
        return;
      }
      if (!answer || typeof answer.output !== "string") {
        status.textContent = "Error: the server's answer has no output.";
        return;
      }
      status.textContent = "";
      receive(answer.output);
      // A later turn is already queued: its answer sets the timer.
      if (pending === 1 && typeof answer.idle === "number" && answer.idle >= 0) startIdle(answer.idle);
    } catch (error) {
      status.textContent = `Error: could not reach the server (${error.message}).`;
    } finally {
      log.removeAttribute("aria-busy");
    }
  }

  keyForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = keyField.value.trim();
    if (value === "") return;
    key = value;
    storeKey(key);
    keyField.value = "";
    keyForm.hidden = true;
    form.hidden = false;
    status.textContent = "";
    field.focus();
    const again = refused;
    refused = [];
    for (const input of again) send(input, false);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = field.value.trim();
    if (input === "") return;
    field.value = "";
    send(input, true);
  });

  if (mind !== "") {
    document.getElementById("title").textContent = `Parley chat: ${mind}`;
    document.title = `Parley chat: ${mind}`;
  }
  const restored = restore();
  field.focus();
  // A reload shows the conversation again and goes on with it: the mind greets only a page that
  // opens afresh.
  if (restored === 0) send("[auto]", false);
})();
