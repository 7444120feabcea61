// Parley review (/admin): the researcher's review app for collected conversations.
//
// Three views: Live (running worlds as they happen, joining one as an operator), Conversations
// (filter, read, accept or reject, block or erase a person, export) and Blocked. It talks to the
// JSON API under /admin/api/ and sends the admin key, when the server wants one, as
// `Authorization: Bearer KEY` (kept in the tab's sessionStorage). Live events come as JSON lines
// read with fetch (EventSource cannot send the header). Every name, text and value from the server
// is inserted as text, never as HTML.
"use strict";

(() => {
  const keyStorage = "parley-admin-key";
  const noticeStorage = "parley-admin-notice-dismissed";
  const views = ["live", "conversations", "blocked"];
  const listLimit = 200;
  const firstDelay = 1000; // milliseconds before reconnecting the live stream, doubled each time
  const longestDelay = 15000;
  const keptMessages = 1000; // per live world

  const byId = (id) => document.getElementById(id);
  const state = { view: null, conversations: [], listed: false, detail: null, blocked: new Map() };

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  // A new element with a class, a text (always as text) and attributes.
  function make(tag, className, text, attributes = {}) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function button(label, className, onClick, attributes = {}) {
    const node = make("button", className, label, { type: "button", ...attributes });
    node.addEventListener("click", onClick);
    return node;
  }

  function formatDate(iso, seconds = false) {
    const date = new Date(iso || "");
    if (Number.isNaN(date.getTime())) return iso ? String(iso) : "";
    return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: seconds ? "medium" : "short" });
  }

  // A value shown as text: strings as they are, anything else as JSON.
  const display = (value) => (value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));
  const sentence = (text) => String(text || "").charAt(0).toUpperCase() + String(text || "").slice(1);
  const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  const list = (value) => (Array.isArray(value) ? value : []);
  const enc = encodeURIComponent;
  const stored = (name) => { try { return sessionStorage.getItem(name) || ""; } catch { return ""; } };
  const store = (name, value) => { try { sessionStorage.setItem(name, value); } catch { /* storage disabled: lasts as long as the page */ } };

  // Disables a button while `work` runs.
  async function busy(control, work) {
    control.disabled = true;
    try { return await work(); } finally { control.disabled = false; }
  }

  // A table body's rows, or one row saying there are none.
  function fillTable(table, rows, emptyText) {
    if (rows.length === 0) {
      const row = make("tr", "empty");
      row.append(make("td", "", emptyText, { colspan: String(table.tHead.rows[0].cells.length) }));
      rows.push(row);
    }
    table.tBodies[0].replaceChildren(...rows);
  }

  // ---------------------------------------------------------------------------------------------
  // Alert bar, status line, notice

  function showMessage(text) {
    byId("message-text").textContent = text;
    byId("message").hidden = false;
  }
  byId("message-close").addEventListener("click", () => { byId("message").hidden = true; });

  let statusTimer = 0;
  function showStatus(text) {
    byId("status").textContent = text;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { byId("status").textContent = ""; }, 6000);
  }

  byId("notice-close").addEventListener("click", () => {
    byId("notice").hidden = true;
    store(noticeStorage, "1");
  });

  // ---------------------------------------------------------------------------------------------
  // The admin key: asked for in a dialog on a 401, one question shared by every waiting call

  const keyDialog = byId("key-dialog");
  let key = stored(keyStorage);
  let keyRequest = null;

  // Resolves to the key given, or "" when the person cancels.
  function askKey(reason) {
    if (keyRequest) return keyRequest.promise;
    byId("key-text").textContent = key === ""
      ? "This server needs an admin key (one it was started with, --admin-key) to open the review app."
      : "That key did not work; enter another.";
    byId("key-reason").textContent = sentence(reason);
    byId("key-input").value = "";
    let settle;
    const promise = new Promise((resolve) => { settle = resolve; });
    keyRequest = { promise, finish(value) { keyRequest = null; if (keyDialog.open) keyDialog.close(); settle(value); } };
    keyDialog.showModal();
    byId("key-input").focus();
    return promise;
  }

  byId("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = byId("key-input").value.trim();
    if (value === "" || !keyRequest) return;
    key = value;
    store(keyStorage, value);
    keyRequest.finish(value);
  });
  byId("key-cancel").addEventListener("click", () => keyRequest && keyRequest.finish(""));
  keyDialog.addEventListener("cancel", (event) => { event.preventDefault(); if (keyRequest) keyRequest.finish(""); });

  // ---------------------------------------------------------------------------------------------
  // The API

  function errorMessage(json, status) {
    const error = json && json.error;
    return error && typeof error.message === "string" && error.message !== "" ? error.message : `the server answered ${status}`;
  }

  async function readJSON(response) {
    try {
      const text = await response.text();
      return text === "" ? null : JSON.parse(text);
    } catch {
      return null;
    }
  }

  // A request with the key; a 401 asks for the key and tries again. Null when none is given.
  async function send(method, path, { body, signal, accept = "application/json" } = {}) {
    for (;;) {
      const headers = { Accept: accept };
      if (key !== "") headers.Authorization = `Bearer ${key}`;
      const init = { method, headers, cache: "no-store", signal };
      if (body !== undefined) {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      const response = await fetch(path, init);
      if (response.status !== 401) return response;
      if (await askKey(errorMessage(await readJSON(response), 401)) === "") return null;
    }
  }

  // One JSON call under /admin/api/: {ok, status, body, message}.
  async function api(method, path, body) {
    let response;
    try {
      response = await send(method, `/admin/api/${path}`, { body });
    } catch (error) {
      return { ok: false, status: 0, body: null, message: `could not reach the server (${error.message})` };
    }
    if (!response) return { ok: false, status: 401, body: null, message: "this page needs the server's admin key (reload the page to enter it)" };
    const json = await readJSON(response);
    return { ok: response.ok, status: response.status, body: json, message: errorMessage(json, response.status) };
  }

  // ---------------------------------------------------------------------------------------------
  // Views (tabs), remembered in the address's #fragment

  function selectView(name) {
    if (!views.includes(name)) name = "live";
    for (const view of views) {
      byId(`view-${view}`).setAttribute("aria-selected", String(view === name));
      byId(`view-${view}`).tabIndex = view === name ? 0 : -1;
      byId(`panel-${view}`).hidden = view !== name;
    }
    if (state.view === name) return;
    state.view = name;
    if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
    if (name === "live") startStream();
    else stopStream();
    if (name === "conversations" && !state.listed) loadConversations();
    if (name === "blocked") loadBlocked();
  }

  views.forEach((view, index) => {
    const tab = byId(`view-${view}`);
    tab.addEventListener("click", () => selectView(view));
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = views[(index + step + views.length) % views.length];
      selectView(next);
      byId(`view-${next}`).focus();
    });
  });
  window.addEventListener("hashchange", () => selectView(location.hash.slice(1)));

  // ---------------------------------------------------------------------------------------------
  // Transcripts: one message as a list item, styled by its speaker's kind

  function messageItem(message) {
    const kind = ["person", "bot", "operator", "world"].includes(message.kind) ? message.kind : "person";
    const head = make("p", "entry-head");
    head.append(make("span", "entry-name", kind === "world" ? "World" : message.name || message.speaker || "?"));
    if (kind === "bot" || kind === "operator") head.append(make("span", "badge", kind));
    head.append(make("time", "entry-time", formatDate(message.time, true), message.time ? { datetime: message.time } : {}));
    const item = make("li", `entry kind-${kind}`);
    item.append(head, make("p", "entry-text", message.text || ""));
    if (message.payload !== null && message.payload !== undefined) item.append(make("pre", "payload", JSON.stringify(message.payload, null, 2)));
    return item;
  }

  const endingText = (ending) => String(ending || "").replace(/_/g, " ");
  const messageKey = (message) => `${message.time}\u0000${message.speaker}\u0000${message.text}`;
  const peopleNames = (people) => list(people).map((who) => (who.kind === "person" ? who.name : `${who.name} (${who.kind})`)).join(", ");

  // ---------------------------------------------------------------------------------------------
  // Live: the running worlds from the event stream, one of them watched and perhaps joined

  const live = { worlds: new Map(), selected: null, ended: null, joined: new Set(), controller: null, timer: 0, delay: firstDelay };
  const liveList = byId("live-list");
  const liveTranscript = byId("live-transcript");

  // A world as the page keeps it: the stream's W, plus every message seen and their keys (a
  // snapshot after a reconnection repeats recent messages).
  function adopt(world) {
    const old = live.worlds.get(world.world_id);
    const kept = { ...world, messages: old ? old.messages : [], keys: old ? old.keys : new Set() };
    live.worlds.set(world.world_id, kept);
    for (const message of list(world.recent)) addMessage(kept, message);
  }

  // Adds a message (false when already there); the watched transcript follows the newest.
  function addMessage(world, message) {
    const key = messageKey(message);
    if (world.keys.has(key)) return false;
    world.keys.add(key);
    world.messages.push(message);
    if (world.messages.length > keptMessages) world.keys.delete(messageKey(world.messages.shift()));
    if (world.world_id === live.selected) {
      const atEnd = liveTranscript.scrollHeight - liveTranscript.scrollTop - liveTranscript.clientHeight < 80;
      liveTranscript.append(messageItem(message));
      if (atEnd) liveTranscript.scrollTop = liveTranscript.scrollHeight;
    }
    return true;
  }

  function handleEvent(event) {
    const world = live.worlds.get(event.world_id);
    if (event.type === "snapshot") {
      const previous = live.worlds;
      live.worlds = new Map();
      for (const each of list(event.worlds)) {
        if (previous.has(each.world_id)) live.worlds.set(each.world_id, previous.get(each.world_id));
        adopt(each);
      }
      if (live.selected && !live.worlds.has(live.selected) && live.ended === null) worldEnded(live.selected, null);
      live.delay = firstDelay;
    } else if (event.type === "started" && event.world) {
      adopt(event.world);
    } else if (event.type === "message") {
      if (!world || !event.message || !addMessage(world, event.message)) return;
    } else if (event.type === "ended") {
      worldEnded(event.world_id, event.ending);
    } else if (event.type === "operator" && world) {
      world.operator = event.operator || null;
      world.bots_paused = event.bots_paused === true;
      if (!world.operator) live.joined.delete(world.world_id);
    } else {
      return;
    }
    renderLiveList();
    renderLiveWorld(false);
  }

  function worldEnded(worldID, ending) {
    live.worlds.delete(worldID);
    live.joined.delete(worldID);
    if (worldID === live.selected) live.ended = ending || "ended";
  }

  // The running worlds, newest first; the focus stays on the world it was on.
  function renderLiveList() {
    const focused = document.activeElement && document.activeElement.closest("#live-list [data-world-id]");
    const worlds = [...live.worlds.values()].sort((a, b) => String(b.started).localeCompare(String(a.started)));
    const items = worlds.map((world) => {
      const item = make("li", "world-item", null, { "data-world-id": world.world_id });
      const open = button("", "world-button", () => selectWorld(world.world_id), world.world_id === live.selected ? { "aria-current": "true" } : {});
      const top = make("span", "world-top");
      top.append(make("span", "world-task", world.task || world.world));
      if (world.operator) top.append(make("span", "badge operator-badge", world.bots_paused ? "operator · bots paused" : "operator"));
      const last = world.messages[world.messages.length - 1];
      open.append(top, make("span", "world-people", peopleNames(world.people) || "no one yet"),
        make("span", "world-time", `Started ${formatDate(world.started)}`),
        make("span", "world-preview", last ? `${last.name || last.speaker}: ${last.text}` : "No messages yet"));
      item.append(open);
      return item;
    });
    if (items.length === 0) items.push(make("li", "empty", "No world is running."));
    liveList.replaceChildren(...items);
    const again = focused && liveList.querySelector(`[data-world-id="${CSS.escape(focused.dataset.worldId)}"] button`);
    if (again) again.focus();
  }

  function selectWorld(worldID) {
    live.selected = worldID;
    live.ended = null;
    renderLiveList();
    renderLiveWorld(true);
    byId("live-title").focus();
  }

  // The watched world: its transcript (drawn again when `full`), who is in, the operator forms.
  function renderLiveWorld(full) {
    const world = live.worlds.get(live.selected);
    byId("live-empty").hidden = live.selected !== null;
    byId("live-world").hidden = live.selected === null;
    if (!live.selected) return;
    if (world) {
      byId("live-title").textContent = `${world.task} · ${world.world}`;
      const operator = world.operator ? ` · operator in: ${world.operator}${world.bots_paused ? " (bots paused)" : ""}` : "";
      byId("live-meta").textContent = `${peopleNames(world.people)} · started ${formatDate(world.started)}${operator}`;
    }
    if (full) {
      liveTranscript.replaceChildren(...(world ? world.messages.map(messageItem) : []));
      liveTranscript.scrollTop = liveTranscript.scrollHeight;
    }
    byId("live-ended").hidden = Boolean(world);
    byId("live-ended").textContent = world ? "" : `This world has ended${live.ended && live.ended !== "ended" ? ` (${endingText(live.ended)})` : ""}.`;
    const joined = live.joined.has(live.selected);
    byId("join-form").hidden = !world || joined;
    byId("operator-panel").hidden = !world || !joined;
  }

  // The event stream, read line by line; reconnected with backoff when it ends or fails, and
  // aborted when the Live view is left.
  function startStream() {
    if (live.controller) return;
    clearTimeout(live.timer);
    live.controller = new AbortController();
    readStream(live.controller);
  }

  function stopStream() {
    clearTimeout(live.timer);
    if (live.controller) live.controller.abort();
    live.controller = null;
  }

  async function readStream(controller) {
    const status = byId("live-status");
    status.textContent = "Connecting…";
    let failure = "";
    try {
      const response = await send("GET", "/admin/api/live/events", { signal: controller.signal, accept: "application/x-ndjson" });
      if (!response) {
        status.textContent = "The live view needs the admin key: open another view and come back to enter it.";
        if (live.controller === controller) live.controller = null;
        return;
      }
      if (!response.ok || !response.body) throw new Error(errorMessage(await readJSON(response), response.status));
      status.textContent = "Live";
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split("\n");
        buffer = lines.pop();
        for (const line of lines) {
          let event = null;
          try { event = line.trim() === "" ? null : JSON.parse(line); } catch { event = null; }
          if (event && typeof event === "object") handleEvent(event);
        }
      }
    } catch (error) {
      failure = error && error.message ? error.message : String(error);
    }
    if (controller.signal.aborted || live.controller !== controller) return;
    live.controller = null;
    status.textContent = `Disconnected${failure ? ` (${failure})` : ""}: reconnecting in ${Math.round(live.delay / 1000)} s…`;
    live.timer = setTimeout(startStream, live.delay);
    live.delay = Math.min(live.delay * 2, longestDelay);
  }

  // Joining, speaking and leaving as the operator: POST live/{world_id}/join|say|leave (the world's
  // id is in the body too).
  const livePath = (worldID, action) => `live/${action}`; // the world goes in the body
  const liveCommand = (worldID, action, body = {}) => api("POST", livePath(worldID, action), { world_id: worldID, ...body });

  byId("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const worldID = live.selected;
    const name = byId("operator-name").value.trim() || "Operator";
    const answer = await busy(byId("join"), () => liveCommand(worldID, "join", { name, pause_bots: byId("pause-bots").checked }));
    if (!answer.ok) return showMessage(`Could not join the world: ${answer.message}.`);
    if (answer.body && answer.body.world) adopt(answer.body.world);
    live.joined.add(worldID);
    renderLiveList();
    renderLiveWorld(false);
    byId("operator-text").focus();
  });

  byId("say-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const field = byId("operator-text");
    const text = field.value.trim();
    if (text === "" || !live.selected) return;
    const answer = await busy(byId("say"), () => liveCommand(live.selected, "say", { text }));
    if (!answer.ok) return showMessage(`Could not send the message: ${answer.message}.`);
    field.value = "";
    field.focus();
  });

  byId("leave").addEventListener("click", async () => {
    const worldID = live.selected;
    const answer = await busy(byId("leave"), () => liveCommand(worldID, "leave"));
    if (!answer.ok) return showMessage(`Could not leave the world: ${answer.message}.`);
    live.joined.delete(worldID);
    renderLiveWorld(false);
    byId("join").focus();
  });

  // Closing the page leaves the worlds it joined, so their bots do not stay paused.
  window.addEventListener("pagehide", () => {
    const headers = { "Content-Type": "application/json", ...(key !== "" ? { Authorization: `Bearer ${key}` } : {}) };
    for (const worldID of live.joined) {
      const body = JSON.stringify({ world_id: worldID });
      fetch(`/admin/api/${livePath(worldID, "leave")}`, { method: "POST", headers, body, keepalive: true }).catch(() => {});
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Conversations: filters, the table, export

  // The filters as query parameters (datetime-local fields are in the browser's time zone).
  function filterParams() {
    const params = new URLSearchParams();
    const add = (name, value) => { if (value !== "") params.set(name, value); };
    const iso = (value) => { const date = new Date(value); return value && !Number.isNaN(date.getTime()) ? date.toISOString() : ""; };
    add("task", byId("filter-task").value);
    add("person", byId("filter-person").value.trim());
    add("service", byId("filter-service").value.trim());
    add("since", iso(byId("filter-since").value));
    add("until", iso(byId("filter-until").value));
    if (byId("filter-completed").checked) params.set("completed", "true");
    add("verdict", byId("filter-review").value);
    add("min_rating", byId("filter-rating").value.trim());
    return params;
  }

  async function loadConversations() {
    state.listed = true;
    const params = filterParams();
    params.set("limit", String(listLimit));
    const count = byId("conversation-count");
    count.textContent = "Loading…";
    const answer = await busy(byId("apply-filters"), () => api("GET", `conversations?${params}`));
    count.textContent = "";
    if (!answer.ok) return showMessage(`Could not list the conversations: ${answer.message}.`);
    state.conversations = list(answer.body && answer.body.conversations);
    const shown = state.conversations.length;
    count.textContent = shown >= listLimit
      ? `The newest ${listLimit} conversations: narrow the filters to see older ones.`
      : plural(shown, "conversation", "conversations");
    renderConversations();
  }

  const verdictOf = (review) => (review && review.verdict ? review.verdict : "unreviewed");

  function renderConversations() {
    const rows = state.conversations.map((conversation) => {
      const selected = state.detail !== null && conversation.world_id === state.detail.world_id;
      const row = make("tr", selected ? "selected" : "", null, { "data-world-id": conversation.world_id, ...(selected ? { "aria-current": "true" } : {}) });
      const open = button(formatDate(conversation.started), "link-button open-conversation", () => {},
        { "aria-label": `Open the conversation of ${formatDate(conversation.started)} (${conversation.task})` });
      const cells = [
        [open], [conversation.task], [peopleNames(conversation.people)], [conversation.messages, "col-messages"],
        [conversation.ending ? endingText(conversation.ending) : conversation.ended ? "" : "running", "col-ending"],
        [typeof conversation.rating === "number" ? conversation.rating.toFixed(1) : "—"],
        [make("span", `verdict verdict-${verdictOf(conversation.review)}`, verdictOf(conversation.review))],
      ];
      for (const [content, className] of cells) {
        const cell = make("td", className);
        if (content instanceof Node) cell.append(content);
        else cell.textContent = display(content);
        row.append(cell);
      }
      return row;
    });
    fillTable(byId("conversation-list"), rows, "No conversations match these filters.");
  }

  byId("filter-form").addEventListener("submit", (event) => {
    event.preventDefault();
    loadConversations();
  });
  // A click anywhere on a row (or its button, from the keyboard) opens the conversation.
  byId("conversation-list").addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-world-id]");
    if (row) openConversation(row.dataset.worldId);
  });

  // Export with the current filters: fetched with the key, then saved from a Blob.
  async function exportConversations(format, trigger) {
    const params = filterParams();
    params.set("format", format);
    try {
      const response = await busy(trigger, () => send("GET", `/admin/api/export?${params}`, { accept: "*/*" }));
      if (!response) return;
      if (!response.ok) return showMessage(`Could not export: ${errorMessage(await readJSON(response), response.status)}.`);
      const blob = await busy(trigger, () => response.blob());
      const named = /filename="?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") || "");
      const link = make("a", "", null, { href: URL.createObjectURL(blob) });
      link.download = named ? named[1] : format === "csv" ? "conversations.csv" : "conversations.jsonl";
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      showStatus(`Exported ${link.download}.`);
    } catch (error) {
      showMessage(`Could not export: ${error.message}.`);
    }
  }
  for (const format of ["parley", "parlai", "csv"]) {
    const trigger = byId(`export-${format}`);
    trigger.addEventListener("click", () => exportConversations(format, trigger));
  }

  // ---------------------------------------------------------------------------------------------
  // One conversation: people, transcript, results, ratings, review

  const detail = byId("conversation-detail");

  async function openConversation(worldID) {
    detail.setAttribute("aria-busy", "true");
    const answer = await api("GET", `conversations/${enc(worldID)}`);
    detail.removeAttribute("aria-busy");
    const conversation = answer.ok && answer.body ? answer.body.conversation : null;
    if (!conversation) return showMessage(`Could not open the conversation: ${answer.ok ? "the answer has none" : answer.message}.`);
    detail.hidden = false;
    const changed = !state.detail || state.detail.world_id !== worldID;
    state.detail = conversation;
    renderDetail(changed);
    renderConversations();
    if (!changed) return;
    byId("detail-title").focus({ preventScroll: true });
    detail.scrollIntoView({ block: "nearest" });
  }

  function renderReview(review) {
    byId("detail-review").textContent = review
      ? `${sentence(review.verdict)} on ${formatDate(review.time)}${review.note ? `: ${review.note}` : ""}`
      : "Not reviewed yet.";
    byId("detail-review").dataset.verdict = verdictOf(review);
  }

  // A person: name, kind, id, service; for people, Block and Erase data and their onboarding.
  function personItem(person) {
    const blocked = state.blocked.has(person.id);
    const head = make("div", "person-head");
    head.append(make("span", "person-name", person.name), make("span", "badge", person.kind));
    if (blocked) head.append(make("span", "badge blocked-badge", "blocked"));
    head.append(make("code", "person-id", person.id));
    if (person.service) head.append(make("span", "hint", `on ${person.service}`));
    const item = make("li", `person kind-${person.kind}`);
    item.append(head);
    if (person.kind !== "person") return item;
    const actions = make("div", "toolbar");
    actions.append(
      button(blocked ? "Edit block note" : "Block", "button block-person", () => blockPerson(person.id, person.name), { "data-person-id": person.id }),
      button("Erase data", "button danger erase-person", () => erasePerson(person.id, person.name), { "data-person-id": person.id }));
    const answers = Object.entries(person.onboarding || {});
    const onboarding = answers.length ? make("dl", "key-values", null, { "aria-label": `Onboarding of ${person.name}` }) : make("p", "hint", "No onboarding answers.");
    for (const [name, value] of answers) onboarding.append(make("dt", "", name), make("dd", "", display(value)));
    item.append(actions, onboarding);
    return item;
  }

  function renderDetail(resetNote) {
    const conversation = state.detail;
    const people = list(conversation.people);
    const messages = list(conversation.messages);
    const ended = conversation.ended ? `ended ${formatDate(conversation.ended)} (${endingText(conversation.ending) || "?"})` : "still running";
    const services = list(conversation.services).length ? ` · via ${conversation.services.join(", ")}` : "";
    byId("detail-title").textContent = `${conversation.task} · ${conversation.world}`;
    byId("detail-meta").textContent = `${conversation.world_id} · started ${formatDate(conversation.started)}, ${ended}${services}`;
    renderReview(conversation.review);
    if (resetNote) byId("review-note").value = conversation.review ? conversation.review.note || "" : "";
    const peopleList = make("ul", "people");
    peopleList.append(...people.map(personItem));
    const transcript = make("ol", "transcript", null, { "aria-label": "Transcript", tabindex: "0" });
    transcript.append(...messages.map(messageItem));
    const body = [make("h3", "", "People"), peopleList, make("h3", "", `Transcript (${plural(messages.length, "message", "messages")})`), transcript, make("h3", "", "Results")];
    const results = list(conversation.results);
    if (results.length === 0) body.push(make("p", "hint", "No results."));
    for (const result of results) body.push(make("p", "hint", formatDate(result.time, true)), make("pre", "json", JSON.stringify(result.data, null, 2)));
    body.push(make("h3", "", "Ratings"));
    const ratings = list(conversation.ratings);
    const ratingList = ratings.length ? make("ul", "ratings") : make("p", "hint", "No ratings.");
    for (const rating of ratings) {
      const who = people.find((person) => person.id === rating.person_id);
      const item = make("li", "", `${who ? who.name : rating.person_id}: ${display(rating.score)}${rating.comment ? ` · “${rating.comment}”` : ""} `);
      item.append(make("span", "hint", formatDate(rating.time)));
      ratingList.append(item);
    }
    body.push(ratingList);
    byId("detail-body").replaceChildren(...body);
  }

  // Sets (or clears, with null) the review, and shows it in the detail and the table.
  async function review(verdict, trigger) {
    if (!state.detail) return;
    const worldID = state.detail.world_id;
    const path = `conversations/${enc(worldID)}/review`;
    const answer = await busy(trigger, () => (verdict
      ? api("PUT", path, { verdict, note: byId("review-note").value.trim() })
      : api("DELETE", path)));
    if (!answer.ok) return showMessage(`Could not save the review: ${answer.message}.`);
    const saved = answer.body ? answer.body.review || null : null;
    if (state.detail && state.detail.world_id === worldID) {
      state.detail.review = saved;
      renderReview(saved);
      if (!saved) byId("review-note").value = "";
    }
    const row = state.conversations.find((conversation) => conversation.world_id === worldID);
    if (row) row.review = saved;
    renderConversations();
    showStatus(saved ? `Marked ${saved.verdict}.` : "Review cleared.");
  }
  byId("accept").addEventListener("click", () => review("accepted", byId("accept")));
  byId("reject").addEventListener("click", () => review("rejected", byId("reject")));
  byId("clear-review").addEventListener("click", () => review(null, byId("clear-review")));
  byId("close-detail").addEventListener("click", () => {
    detail.hidden = true;
    state.detail = null;
    renderConversations();
  });

  // Erasing a person's data, after a confirmation: it cannot be undone.
  async function erasePerson(personID, name) {
    if (!window.confirm(`Erase everything recorded of ${name} (${personID})? This cannot be undone.`)) return;
    const answer = await api("POST", `people/${enc(personID)}/erase`);
    if (!answer.ok) return showMessage(`Could not erase ${personID}: ${answer.message}.`);
    const counts = Object.entries((answer.body && answer.body.erased) || {}).map(([what, count]) => `${count} ${what}`).join(", ");
    showStatus(`Erased the data of ${personID}${counts ? `: ${counts}` : ""}.`);
    await loadConversations();
    if (state.detail) openConversation(state.detail.world_id);
  }

  // ---------------------------------------------------------------------------------------------
  // Blocking: from a conversation's people (the note asked with prompt()), the Blocked view

  async function block(personID, note) {
    const answer = await api("PUT", `blocked/${enc(personID)}`, { note });
    if (!answer.ok) {
      showMessage(`Could not block ${personID}: ${answer.message}.`);
      return false;
    }
    showStatus(`Blocked ${personID}.`);
    await loadBlocked();
    return true;
  }

  async function blockPerson(personID, name) {
    const current = state.blocked.get(personID);
    const note = window.prompt(`Block ${name} (${personID}) from every task. Note (why):`, current ? current.note || "" : "");
    if (note !== null && await block(personID, note.trim()) && state.detail) renderDetail(false);
  }

  async function loadBlocked() {
    const answer = await api("GET", "blocked");
    if (!answer.ok) return showMessage(`Could not list the blocked people: ${answer.message}.`);
    const blocked = list(answer.body && answer.body.blocked);
    state.blocked = new Map(blocked.map((entry) => [entry.person_id, entry]));
    const rows = blocked.map((entry) => {
      const row = make("tr", "", null, { "data-person-id": entry.person_id });
      const id = make("td");
      id.append(make("code", "", entry.person_id));
      const actions = make("td", "actions");
      actions.append(button("Unblock", "button unblock", () => unblockPerson(entry.person_id),
        { "data-person-id": entry.person_id, "aria-label": `Unblock ${entry.person_id}` }));
      row.append(id, make("td", "", entry.note || ""), make("td", "", formatDate(entry.time)), actions);
      return row;
    });
    fillTable(byId("blocked-list"), rows, "No one is blocked.");
  }

  async function unblockPerson(personID) {
    const answer = await api("DELETE", `blocked/${enc(personID)}`);
    if (!answer.ok) return showMessage(`Could not unblock ${personID}: ${answer.message}.`);
    showStatus(`Unblocked ${personID}.`);
    await loadBlocked();
    if (state.detail) renderDetail(false);
  }

  byId("block-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const personID = byId("block-person").value.trim();
    if (personID === "") return byId("block-person").focus();
    if (!await busy(byId("block-submit"), () => block(personID, byId("block-note").value.trim()))) return;
    byId("block-person").value = "";
    byId("block-note").value = "";
    byId("block-person").focus();
  });

  // ---------------------------------------------------------------------------------------------
  // Start: the server's info (key notice, tasks), then the view of the address, the blocked people

  async function start() {
    const answer = await api("GET", "info");
    if (answer.ok && answer.body) {
      byId("notice").hidden = answer.body.adminKeys !== false || stored(noticeStorage) === "1";
      for (const task of list(answer.body.tasks)) byId("filter-task").append(make("option", "", task, { value: task }));
    } else {
      showMessage(`Could not read the server's info: ${answer.message}.`);
    }
    selectView(location.hash.slice(1));
    if (state.view !== "blocked") loadBlocked();
  }

  start();
})();
