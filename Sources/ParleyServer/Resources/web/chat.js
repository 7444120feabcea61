// Parley's browser chat page for the worlds: speaks ParlAI's WebSocket protocol on /websocket
// (docs/chat-services.md) with Parley's negotiated extensions: sessions, typing frames and
// acknowledgements.
//
// Each tab is its own person, known to the server by a random person key kept in the tab's
// sessionStorage (sent as `person`; the server derives the person's id from it, so the tab stays the
// same person after the server restarts, and only this tab can see or erase what was recorded of
// them under "Your data"). The session token, the conversation shown, the quick replies on
// offer, the number of the last message kept and the messages the server has not acknowledged live
// in the tab's sessionStorage, so a reload or a dropped connection resumes the same person without
// losing or repeating anything: messages are numbered both ways (`seq`), each side acknowledges
// what it has kept (`ack`), the server sends again what the page did not acknowledge and the page
// sends again what the server did not; each side drops numbers it has already seen. `?task=NAME` sends NAME as the first
// answer of a new conversation, right after the server's first reply (in the overworld demo, that
// picks the task). Every text is inserted as text, never as HTML; links are made with DOM APIs,
// for http and https only. Images from http and https addresses are loaded through this server's
// image proxy (/media), never from their hosts, which so never learn who looks at them.
// `window.parleyChat.dropConnection()` closes the socket as a lost network would (for tests).
"use strict";

(() => {
  const storagePrefix = "parley-chat:";
  const keptEntries = 300;
  const firstDelay = 500; // milliseconds before the first reconnection attempt, doubled each time
  const longestDelay = 15000;
  const supersededReason = "Your session was resumed on another connection.";
  const features = ["typing", "ack"];
  const link = /\bhttps?:\/\/[^\s<>"']+/gi;

  const log = document.getElementById("log");
  const connection = document.getElementById("connection");
  const replies = document.getElementById("quick-replies");
  const typing = document.getElementById("typing");
  const form = document.getElementById("composer");
  const field = document.getElementById("message");
  const ended = document.getElementById("ended");
  const endedText = document.getElementById("ended-text");
  const restart = document.getElementById("restart");
  const task = new URLSearchParams(location.search).get("task") || "";
  const yourData = document.getElementById("your-data");
  const personCode = document.getElementById("person-code");
  const dataStatus = document.getElementById("data-status");

  const stored = {
    get(name, fallback) {
      try {
        const value = JSON.parse(sessionStorage.getItem(storagePrefix + name));
        return value === null ? fallback : value;
      } catch {
        return fallback;
      }
    },
    set(name, value) {
      try {
        sessionStorage.setItem(storagePrefix + name, JSON.stringify(value));
      } catch {
        // Storage full or disabled: the conversation goes on, a reload will not restore it.
      }
    },
    clear() {
      for (const name of ["session", "log", "outbox", "replies", "seen", "sent"]) {
        sessionStorage.removeItem(storagePrefix + name);
      }
    },
  };

  let personKey = stored.get("person", null);
  if (typeof personKey !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(personKey)) newPersonKey();
  let token = typeof stored.get("session", null) === "string" ? stored.get("session", null) : null;
  let entries = arrayOf(stored.get("log", []), (entry) => entry && typeof entry.text === "string");
  // Sent but not yet acknowledged, as {seq, text}: sent again after a reconnect.
  let outbox = arrayOf(stored.get("outbox", []), (item) => item && Number.isInteger(item.seq) && typeof item.text === "string");
  let seen = counter(stored.get("seen", 0)); // the number of the last server message kept
  let sent = counter(stored.get("sent", 0)); // the number of the last message sent
  let socket = null;
  let attempts = 0;
  let retryTimer = null;
  let sentSinceOpen = 0;
  let pendingTask = ""; // sent once the new conversation's first answer is in

  // A new random person key (32 URL-safe characters): this tab becomes a new person.
  function newPersonKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    personKey = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    stored.set("person", personKey);
  }

  function arrayOf(value, valid) {
    return Array.isArray(value) ? value.filter(valid) : [];
  }

  function counter(value) {
    return Number.isInteger(value) && value >= 0 ? value : 0;
  }

  // Connection state: connecting, connected, reconnecting, offline, ended.
  function setState(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
    log.setAttribute("aria-busy", state === "connecting" ? "true" : "false");
  }

  // Appends `text` to `parent`, with http and https addresses as links.
  function appendText(parent, text) {
    let last = 0;
    for (const match of text.matchAll(link)) {
      const address = match[0].replace(/[.,;:!?)\]}]+$/, "");
      const anchor = anchorFor(address);
      if (anchor === null) continue;
      parent.append(document.createTextNode(text.slice(last, match.index)), anchor);
      last = match.index + address.length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }

  function anchorFor(address) {
    let url;
    try {
      url = new URL(address);
    } catch {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    const anchor = document.createElement("a");
    anchor.href = url.href;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    anchor.textContent = address;
    return anchor;
  }

  // The image a payload shows (`type: image` with base64 `data` and `mime_type`, or `url`), or null.
  function imageSource(payload) {
    if (!payload || typeof payload !== "object" || payload.type !== "image") return null;
    const { data, mime_type: type, url } = payload;
    if (typeof data === "string" && typeof type === "string" && /^image\/[a-z0-9.+-]+$/i.test(type)) {
      const base64 = data.replace(/\s+/g, "");
      if (/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return `data:${type};base64,${base64}`;
    }
    if (typeof url === "string") {
      try {
        const address = new URL(url, location.href);
        if (address.protocol === "http:" || address.protocol === "https:") return address.href;
      } catch {
        // Not an address: no image.
      }
    }
    return null;
  }

  // Where an image is loaded from: a data: URL as it is, an http(s) address through the image proxy.
  function shownSource(image) {
    return image.startsWith("data:") ? image : `/media?url=${encodeURIComponent(image)}`;
  }

  // Shows one entry of the conversation: {role: "user" | "bot", text, image?, alt?}.
  function show(entry) {
    const item = document.createElement("li");
    item.className = `message ${entry.role === "user" ? "user" : "bot"}`;
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = entry.role === "user" ? "You: " : "Them: ";
    const body = document.createElement("span");
    body.className = "text";
    appendText(body, entry.text);
    if (typeof entry.image === "string") {
      const image = document.createElement("img");
      image.src = shownSource(entry.image);
      image.alt = typeof entry.alt === "string" ? entry.alt : "Image";
      // It takes its height once loaded: still the newest entry, it is scrolled into view again.
      image.addEventListener("load", () => {
        if (log.lastElementChild === item) item.scrollIntoView({ block: "end" });
      });
      body.append(image);
    }
    item.append(speaker, body);
    log.append(item);
    item.scrollIntoView({ block: "end" });
  }

  function record(entry) {
    entries.push(entry);
    entries = entries.slice(-keptEntries);
    stored.set("log", entries);
    show(entry);
  }

  // Offers quick replies as buttons; an empty list takes them away.
  function offer(list) {
    stored.set("replies", list);
    replies.replaceChildren();
    for (const reply of list) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = reply;
      button.dataset.reply = reply;
      button.addEventListener("click", () => {
        send(reply);
        field.focus();
      });
      replies.append(button);
    }
    replies.hidden = list.length === 0;
  }

  function setTyping(isTyping) {
    typing.hidden = !isTyping;
  }

  // Handles one frame from the server.
  function receive(frame) {
    if (!frame || typeof frame !== "object") return;
    if (Number.isInteger(frame.ack)) {
      outbox = outbox.filter((item) => item.seq > frame.ack);
      stored.set("outbox", outbox);
      return;
    }
    if (typeof frame.typing === "boolean") {
      setTyping(frame.typing);
      return;
    }
    let renewed = false;
    if (typeof frame.session === "string" && frame.session !== token) {
      // A token that replaces ours: the old session was unknown to the server, this is a new conversation.
      renewed = token !== null;
      token = frame.session;
      stored.set("session", token);
      seen = 0;
      stored.set("seen", seen);
    }
    const numbered = Number.isInteger(frame.seq);
    if (numbered && frame.seq <= seen) {
      acknowledge(); // Sent again after a reconnect, and already shown.
      return;
    }
    setTyping(false);
    const text = typeof frame.text === "string" ? frame.text : "";
    const image = imageSource(frame.payload);
    if (text !== "" || image !== null) {
      const entry = { role: "bot", text };
      if (image !== null) {
        entry.image = image;
        if (typeof frame.payload.alt === "string") entry.alt = frame.payload.alt;
      }
      record(entry);
    }
    const list = Array.isArray(frame.quick_replies) ? frame.quick_replies.filter((reply) => typeof reply === "string") : [];
    offer(list);
    if (numbered) {
      seen = frame.seq;
      stored.set("seen", seen);
      acknowledge();
    }
    if (renewed && sentSinceOpen === 0) {
      greet();
    } else if (pendingTask !== "" && !(frame.payload && frame.payload.type === "consent")) {
      // The consent notice is answered by the person; the task is picked from what follows it.
      const chosen = pendingTask;
      pendingTask = "";
      send(chosen);
    }
  }

  function transmit(members) {
    socket.send(JSON.stringify(members));
    sentSinceOpen += 1;
  }

  // Tells the server that everything up to `seen` is kept, so it need not send it again.
  function acknowledge() {
    if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ ack: seen }));
  }

  // Starts a new conversation: the server takes the first message as the greeting.
  function greet(members = {}) {
    transmit({ text: "", ...members });
    pendingTask = task;
  }

  // Sends what the person typed or picked, now or once connected.
  function send(text) {
    offer([]);
    record({ role: "user", text });
    sent += 1;
    stored.set("sent", sent);
    outbox.push({ seq: sent, text });
    stored.set("outbox", outbox);
    if (socket !== null && socket.readyState === WebSocket.OPEN) transmit({ text, seq: sent });
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (!navigator.onLine) {
      setState("offline", "Offline: waiting for the network…");
      return;
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(`${scheme}//${location.host}/websocket`);
    socket = opened;
    opened.addEventListener("open", () => {
      attempts = 0;
      sentSinceOpen = 0;
      setState("connected", "Connected");
      if (token === null) {
        greet({ session: null, features, person: personKey });
      } else {
        opened.send(JSON.stringify({ session: token, features, person: personKey }));
      }
      for (const item of outbox) transmit({ text: item.text, seq: item.seq });
    });
    opened.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return; // Not JSON: ParlAI's protocol sends only JSON, so there is nothing to show.
      }
      receive(frame);
    });
    opened.addEventListener("close", (event) => {
      if (socket !== opened) return;
      socket = null;
      setTyping(false);
      // 1000: the server closed the conversation; anything else is a lost connection.
      if (event.code === 1000) {
        if (event.reason === supersededReason) {
          // That person lives on in the other tab; this one starts over as a new person.
          newPersonKey();
          end("This conversation went on in another tab or window.");
        } else {
          end("The conversation has ended.");
        }
      } else {
        retry();
      }
    });
  }

  // Tries again after a delay that doubles up to longestDelay, with jitter.
  function retry() {
    const delay = Math.min(longestDelay, firstDelay * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts += 1;
    if (!navigator.onLine) {
      setState("offline", "Offline: waiting for the network…");
      return;
    }
    setState("reconnecting", "Reconnecting…");
    retryTimer = setTimeout(connect, delay);
  }

  // The server closed the conversation (the person left, or the server stopped).
  function end(reason) {
    stored.clear();
    token = null;
    outbox = [];
    seen = 0;
    sent = 0;
    offer([]);
    setState("ended", "Disconnected");
    endedText.textContent = reason;
    ended.hidden = false;
    form.hidden = true;
    restart.focus();
  }

  restart.addEventListener("click", () => {
    entries = [];
    log.replaceChildren();
    ended.hidden = true;
    form.hidden = false;
    field.focus();
    setState("connecting", "Connecting…");
    connect();
  });

  // "Your data": the person's code, what was recorded of them, and erasing it.
  async function personCall(path) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: personKey }),
    });
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return response;
  }

  yourData.addEventListener("toggle", async () => {
    if (!yourData.open) return;
    try {
      const me = await (await personCall("/people/me")).json();
      personCode.textContent = me.id;
      dataStatus.textContent = `${me.conversations} conversation${me.conversations === 1 ? "" : "s"} recorded.`;
    } catch (error) {
      dataStatus.textContent = `Could not reach the server: ${error.message}.`;
    }
  });

  document.getElementById("download-data").addEventListener("click", async () => {
    try {
      const blob = await (await personCall("/people/me/export")).blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `${personCode.textContent || "parley"}.jsonl`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    } catch (error) {
      dataStatus.textContent = `Could not download: ${error.message}.`;
    }
  });

  document.getElementById("erase-data").addEventListener("click", async () => {
    if (!confirm("Erase everything recorded of you here? This ends the conversation and cannot be undone.")) return;
    try {
      await personCall("/people/me/erase");
    } catch (error) {
      dataStatus.textContent = `Could not erase: ${error.message}.`;
      return;
    }
    const dropped = socket;
    socket = null;
    if (dropped !== null) dropped.close();
    end("Everything recorded of you was erased.");
    dataStatus.textContent = "Erased. A new conversation starts you as a new person.";
    personCode.textContent = "";
    newPersonKey();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = field.value;
    if (text.trim() === "") return;
    field.value = "";
    send(text);
  });

  window.addEventListener("online", () => {
    if (socket === null && ended.hidden) connect();
  });
  window.addEventListener("offline", () => {
    if (socket === null) setState("offline", "Offline: waiting for the network…");
  });

  window.parleyChat = Object.freeze({
    dropConnection() {
      if (socket === null) return;
      const dropped = socket;
      socket = null;
      dropped.close();
      setTyping(false);
      retry();
    },
  });

  if (task !== "") document.title = `Parley: ${task}`;
  for (const entry of entries) show(entry);
  offer(arrayOf(stored.get("replies", []), (reply) => typeof reply === "string"));
  field.focus();
  connect();
})();
