// Parley's browser chat page for the worlds: speaks ParlAI's WebSocket protocol on /websocket
// (docs/chat-services.md) with Parley's negotiated extensions: sessions, typing frames both ways,
// acknowledgements and rich frames (who speaks, titled quick replies, statuses).
//
// Each tab is its own person, known to the server by a random person key kept in the tab's
// sessionStorage (sent as `person`; the server derives the person's id from it, so the tab stays the
// same person after the server restarts, and only this tab can see or erase what was recorded of
// them under "Your data"). The session token, the conversation shown, the quick replies on offer,
// the number of the last message kept and the messages the server has not acknowledged live in the
// tab's sessionStorage, so a reload or a dropped connection resumes the same person without losing
// or repeating anything: messages are numbered both ways (`seq`), each side acknowledges what it has
// kept (`ack`), the server sends again what the page did not acknowledge and the page sends again
// what the server did not (once the server's first `ack` on the resumed connection says where it
// stands); each side drops numbers it has already seen. A server that goes away
// (close code 1001) is reconnected to; when it no longer knows the session, the page says so and
// keeps the conversation on screen.
//
// Options come in the address (the embed passes its data- attributes): `task` starts a new
// conversation in that task, `title`, `color` (#rgb or #rrggbb), `logo` (an http(s) address, shown
// through the image proxy) and `lang` (the page's own strings: en or de; else the browser's).
//
// Every text is inserted as text, never as HTML: **bold**, *italics*, links and line breaks are made
// with DOM APIs, links for http and https only. Images from http and https addresses are loaded
// through this server's image proxy (/media), never from their hosts. In a frame, the page tells its
// host page what happens (postMessage `{parley: "message" | "sent" | "status", ...}`) and takes
// `{parley: "send", text}` from it (what embed.js's `Parley.send` does).
// `window.parleyChat.dropConnection()` closes the socket as a lost network would (for tests).
"use strict";

(() => {
  const strings = {
    en: {
      connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…",
      offline: "Offline: waiting for the network…", disconnected: "Disconnected",
      conversation: "Conversation", quickReplies: "Quick replies", yourMessage: "Your message",
      typeMessage: "Type a message", password: "Password", send: "Send", restart: "Start a new conversation",
      download: "Download", downloadTitle: "Download the conversation as text", you: "You", notice: "Notice",
      bot: "bot", operator: "operator", image: "Image", file: "File",
      exit: "Exit", done: "Done", waiting: "Waiting for a partner…", pairedWith: "You are talking with {names}.",
      paired: "You are paired.", typing: "{name} is typing", someoneTyping: "Typing",
      away: "{name} is disconnected. Waiting for them to come back…", back: "{name} is back.",
      left: "{name} closed the chat.",
      sessionGone: "The server no longer knows this conversation (it restarted, or you were away too long). What was said stays here.",
      otherTab: "This conversation went on in another tab or window.", newConversation: "New conversation",
      yourData: "Your data", yourCode: "Your code:", downloadData: "Download what was recorded",
      eraseData: "Erase my data", recorded: "{count} conversation(s) recorded.",
      unreachable: "Could not reach the server: {error}.", eraseConfirm: "Erase everything recorded of you here? This ends the conversation and cannot be undone.",
      erased: "Everything recorded of you was erased.", erasedStatus: "Erased. A new conversation starts you as a new person.",
      couldNotErase: "Could not erase: {error}.", couldNotDownload: "Could not download: {error}.",
    },
    de: {
      connecting: "Verbinde…", connected: "Verbunden", reconnecting: "Verbinde erneut…",
      offline: "Offline: warte auf das Netz…", disconnected: "Getrennt",
      conversation: "Unterhaltung", quickReplies: "Schnellantworten", yourMessage: "Deine Nachricht",
      typeMessage: "Nachricht schreiben", password: "Passwort", send: "Senden", restart: "Neue Unterhaltung beginnen",
      download: "Speichern", downloadTitle: "Die Unterhaltung als Text speichern", you: "Du", notice: "Hinweis",
      bot: "Bot", operator: "Betreuer", image: "Bild", file: "Datei",
      exit: "Verlassen", done: "Fertig", waiting: "Warte auf einen Partner…", pairedWith: "Du sprichst mit {names}.",
      paired: "Du hast einen Partner.", typing: "{name} schreibt", someoneTyping: "Schreibt",
      away: "{name} ist getrennt. Warte auf die Rückkehr…", back: "{name} ist zurück.",
      left: "{name} hat den Chat geschlossen.",
      sessionGone: "Der Server kennt diese Unterhaltung nicht mehr (Neustart oder zu lange abwesend). Das Gesagte bleibt hier stehen.",
      otherTab: "Diese Unterhaltung geht in einem anderen Tab oder Fenster weiter.", newConversation: "Neue Unterhaltung",
      yourData: "Deine Daten", yourCode: "Dein Code:", downloadData: "Aufgezeichnetes herunterladen",
      eraseData: "Meine Daten löschen", recorded: "{count} Unterhaltung(en) aufgezeichnet.",
      unreachable: "Server nicht erreichbar: {error}.", eraseConfirm: "Alles über dich Aufgezeichnete löschen? Das beendet die Unterhaltung und lässt sich nicht rückgängig machen.",
      erased: "Alles über dich Aufgezeichnete wurde gelöscht.", erasedStatus: "Gelöscht. Eine neue Unterhaltung beginnt dich als neue Person.",
      couldNotErase: "Löschen fehlgeschlagen: {error}.", couldNotDownload: "Herunterladen fehlgeschlagen: {error}.",
    },
  };

  const storagePrefix = "parley-chat:";
  const keptEntries = 300;
  const firstDelay = 500; // milliseconds before the first reconnection attempt, doubled each time
  const longestDelay = 15000;
  const typingEvery = 3000; // milliseconds between typing frames while the person types
  const typingPause = 5000; // milliseconds without a key after which the person stopped typing
  const supersededReason = "Your session was resumed on another connection.";
  const features = ["typing", "ack", "rich"];
  const link = /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s)]+)\)|\bhttps?:\/\/[^\s<>"']+/gi;
  const emphasis = /\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|\b_([^_\n]+)_\b/g;
  const actionWords = [{ pattern: /\bEXIT\b/, value: "EXIT", label: "exit" }, { pattern: /\[DONE\]/, value: "[DONE]", label: "done" }];

  const options = new URLSearchParams(location.search);
  const task = (options.get("task") || "").slice(0, 100);
  const language = pickLanguage(options.get("lang"));
  const text = strings[language];
  const framed = window.parent !== window;

  const log = document.getElementById("log");
  const connection = document.getElementById("connection");
  const statusLine = document.getElementById("status");
  const replies = document.getElementById("quick-replies");
  const form = document.getElementById("composer");
  const field = document.getElementById("message");
  const ended = document.getElementById("ended");
  const endedText = document.getElementById("ended-text");
  const restart = document.getElementById("restart");
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
    // Forgets the session; the conversation shown stays.
    clearSession() {
      for (const name of ["session", "outbox", "replies", "seen", "sent", "status"]) {
        sessionStorage.removeItem(storagePrefix + name);
      }
    },
  };

  let personKey = stored.get("person", null);
  if (typeof personKey !== "string" || !/^[A-Za-z0-9_-]{20,200}$/.test(personKey)) newPersonKey();
  let token = typeof stored.get("session", null) === "string" ? stored.get("session", null) : null;
  let entries = arrayOf(stored.get("log", []), (entry) => entry && typeof entry.text === "string");
  // Sent but not yet acknowledged, as {seq, text, payload?}: sent again after a reconnect.
  let outbox = arrayOf(stored.get("outbox", []), (item) => item && Number.isInteger(item.seq) && typeof item.text === "string");
  let seen = counter(stored.get("seen", 0)); // the number of the last server message kept
  let sent = counter(stored.get("sent", 0)); // the number of the last message sent
  let status = stored.get("status", null); // the last status frame, shown under the conversation
  let socket = null;
  let attempts = 0;
  let retryTimer = null;
  let resuming = false; // the session was sent, and the server has not said where it stands yet
  let asksPassword = false; // the last message asked for the password: the field hides what is typed
  let partnerTyping = false;
  let lastTypingSent = 0;
  let typingTimer = null;
  let stickToBottom = true;
  let lastActionText = ""; // the last message's text, for the EXIT and [DONE] buttons

  function pickLanguage(asked) {
    for (const candidate of [asked, ...(navigator.languages || [navigator.language])]) {
      const code = String(candidate || "").toLowerCase().split("-")[0];
      if (strings[code]) return code;
    }
    return "en";
  }

  // A string of the catalogue, with {name}s filled in.
  function say(key, values = {}) {
    return (text[key] || strings.en[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  }

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

  function tellHost(message) {
    if (framed) window.parent.postMessage({ parley: message.type, ...message, type: undefined }, "*");
  }

  // Connection state: connecting, connected, reconnecting, offline, ended.
  function setState(state) {
    connection.dataset.state = state;
    connection.textContent = say(state === "ended" ? "disconnected" : state);
    log.setAttribute("aria-busy", state === "connecting" ? "true" : "false");
  }

  // Keeps the newest message in view while the person has not scrolled up to read.
  function followNewest() {
    if (stickToBottom) log.scrollTop = log.scrollHeight;
  }

  // Appends `value` to `parent` with Markdown-lite: [text](link), bare links, **bold**, *italics*, _italics_.
  function appendRich(parent, value) {
    let last = 0;
    for (const match of value.matchAll(link)) {
      const address = match[2] || match[0].replace(/[.,;:!?)\]}]+$/, "");
      const anchor = anchorFor(address, match[1] || address);
      if (anchor === null) continue;
      appendEmphasis(parent, value.slice(last, match.index));
      parent.append(anchor);
      last = match.index + (match[2] ? match[0].length : address.length);
    }
    appendEmphasis(parent, value.slice(last));
  }

  function appendEmphasis(parent, value) {
    let last = 0;
    for (const match of value.matchAll(emphasis)) {
      parent.append(document.createTextNode(value.slice(last, match.index)));
      const element = document.createElement(match[1] ? "strong" : "em");
      element.textContent = match[1] || match[2] || match[3];
      parent.append(element);
      last = match.index + match[0].length;
    }
    parent.append(document.createTextNode(value.slice(last)));
  }

  function anchorFor(address, label) {
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
    anchor.textContent = label;
    return anchor;
  }

  // An http(s) address as an absolute URL, or null.
  function webAddress(value) {
    if (typeof value !== "string") return null;
    try {
      const address = new URL(value, location.href);
      return address.protocol === "http:" || address.protocol === "https:" ? address.href : null;
    } catch {
      return null;
    }
  }

  // What a payload shows: {image, alt} for an image (`type: image` with base64 `data` and
  // `mime_type`, or a `url`), {file, fileName} for other media, {cards} for Messenger templates and
  // ParlAI's lists; null for anything else.
  function shownPayload(payload) {
    if (!payload || typeof payload !== "object") return null;
    const inner = payload.payload && typeof payload.payload === "object" ? payload.payload : {};
    const url = webAddress(payload.url) || webAddress(inner.url);
    switch (payload.type) {
      case "image": {
        const { data, mime_type: type } = payload;
        const alt = typeof payload.alt === "string" ? payload.alt : undefined;
        if (typeof data === "string" && typeof type === "string" && /^image\/[a-z0-9.+-]+$/i.test(type)) {
          const base64 = data.replace(/\s+/g, "");
          if (/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { image: `data:${type};base64,${base64}`, alt };
        }
        return url ? { image: url, alt } : null;
      }
      case "file": case "video": case "audio":
        return url ? { file: url, fileName: typeof payload.file_name === "string" ? payload.file_name : url.split("/").pop() } : null;
      case "list":
        return cardsOf(payload.data);
      case "template":
        if (inner.template_type === "button" && typeof inner.text === "string") {
          return cardsOf([{ title: inner.text, buttons: inner.buttons }]);
        }
        return cardsOf(inner.elements);
      default:
        return null;
    }
  }

  function cardsOf(elements) {
    if (!Array.isArray(elements)) return null;
    const cards = elements.filter((element) => element && typeof element.title === "string").map((element) => ({
      title: element.title,
      text: typeof element.subtitle === "string" ? element.subtitle : "",
      image: webAddress(element.image_url),
      buttons: (Array.isArray(element.buttons) ? element.buttons : []).flatMap((button) => {
        if (!button || typeof button.title !== "string") return [];
        if (button.type === "web_url" && webAddress(button.url)) return [{ title: button.title, url: webAddress(button.url) }];
        if (button.type === "postback") return [{ title: button.title, value: typeof button.payload === "string" ? button.payload : button.title }];
        return [];
      }),
    }));
    return cards.length > 0 ? { cards } : null;
  }

  // Where an image is loaded from: a data: URL as it is, an http(s) address through the image proxy.
  function shownSource(image) {
    return image.startsWith("data:") ? image : `/media?url=${encodeURIComponent(image)}`;
  }

  function imageElement(source, alt) {
    const image = document.createElement("img");
    image.src = shownSource(source);
    image.alt = alt || say("image");
    image.addEventListener("load", followNewest);
    return image;
  }

  // Who speaks an entry, as the page names them.
  function speakerName(entry) {
    if (entry.role === "user") return say("you");
    if (entry.role === "notice") return say("notice");
    return entry.name || document.getElementById("title").textContent;
  }

  // The label over a message: who speaks, with a badge for bots and operators.
  function speakerLabel(entry) {
    const label = document.createElement("span");
    label.className = "speaker";
    label.textContent = speakerName(entry);
    if (entry.role === "bot" || entry.role === "operator") {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = say(entry.role);
      label.append(badge);
    }
    return label;
  }

  // Shows one entry of the conversation: {role, name?, text, image?, alt?, file?, fileName?, cards?} where
  // role is user, person, bot, operator, world or notice; or {role: "divider", text}.
  function show(entry) {
    const item = document.createElement("li");
    if (entry.role === "divider") {
      item.className = "divider";
      item.textContent = entry.text;
      log.append(item);
      followNewest();
      return;
    }
    const previous = log.lastElementChild;
    // `user` for the person's own messages, `bot` for everything said to them; `from-` says who.
    item.className = `message ${entry.role === "user" ? "user" : "bot"} from-${entry.role}`;
    item.dataset.speaker = `${entry.role}:${entry.name || ""}`;
    if (previous && previous.dataset.speaker === item.dataset.speaker) item.classList.add("continued");
    const bubble = document.createElement("div");
    bubble.className = "bubble text";
    appendRich(bubble, entry.text);
    if (typeof entry.image === "string") bubble.append(imageElement(entry.image, entry.alt));
    if (typeof entry.file === "string") {
      const anchor = anchorFor(entry.file, `${say("file")}: ${entry.fileName || entry.file}`);
      if (anchor !== null) {
        anchor.className = "file";
        bubble.append(anchor);
      }
    }
    item.append(speakerLabel(entry), bubble);
    if (Array.isArray(entry.cards)) item.append(cardList(entry.cards));
    log.append(item);
    followNewest();
  }

  function cardList(cards) {
    const list = document.createElement("div");
    list.className = "cards";
    for (const card of cards) {
      const box = document.createElement("article");
      box.className = "card";
      if (card.image) box.append(imageElement(card.image, card.title));
      const title = document.createElement("h3");
      title.textContent = card.title;
      box.append(title);
      if (card.text) {
        const words = document.createElement("p");
        words.textContent = card.text;
        box.append(words);
      }
      if (card.buttons.length > 0) {
        const actions = document.createElement("div");
        actions.className = "actions";
        for (const button of card.buttons) {
          if (button.url) {
            actions.append(anchorFor(button.url, button.title));
          } else {
            const element = document.createElement("button");
            element.type = "button";
            element.textContent = button.title;
            element.addEventListener("click", () => send(button.value, { title: button.title }));
            actions.append(element);
          }
        }
        box.append(actions);
      }
      list.append(box);
    }
    return list;
  }

  function record(entry) {
    entries.push(entry);
    entries = entries.slice(-keptEntries);
    stored.set("log", entries);
    show(entry);
  }

  // Offers quick replies as buttons ({title, value, action?}); an empty list takes them away.
  function offer(list) {
    stored.set("replies", list);
    replies.replaceChildren();
    for (const reply of list) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = reply.title;
      button.dataset.reply = reply.value;
      if (reply.action) button.className = "action";
      button.addEventListener("click", () => {
        // A button the page made (Exit, Done) shows what it sends; a titled reply its title.
        send(reply.value, reply.action ? {} : { title: reply.title });
        field.focus();
      });
      replies.append(button);
    }
    replies.hidden = list.length === 0;
    followNewest();
  }

  // The quick replies of a frame: titled (`replies`) or plain (`quick_replies`); without any, EXIT
  // and [DONE] when the text asks for them (see actionsFor).
  function repliesOf(frame, shownText) {
    if (Array.isArray(frame.replies)) {
      return frame.replies.filter((reply) => reply && typeof reply.value === "string")
        .map((reply) => ({ title: typeof reply.title === "string" ? reply.title : reply.value, value: reply.value }));
    }
    if (Array.isArray(frame.quick_replies)) {
      const plain = frame.quick_replies.filter((reply) => typeof reply === "string");
      if (plain.length > 0) return plain.map((reply) => ({ title: reply, value: reply }));
    }
    lastActionText = shownText;
    return actionsFor(shownText);
  }

  // EXIT and [DONE] as buttons when `shownText` asks for them; while waiting for a partner, only
  // EXIT does anything (it leaves the pool), so only EXIT is offered.
  function actionsFor(shownText) {
    const waiting = status !== null && status.status === "waiting";
    return actionWords.filter((word) => (waiting ? word.value === "EXIT" : word.pattern.test(shownText)))
      .map((word) => ({ title: say(word.label), value: word.value, action: true }));
  }

  // The status line: the partner typing over the last status frame.
  function showStatus() {
    let line = "";
    let kind = "";
    const names = status && Array.isArray(status.with) ? status.with.join(", ") : "";
    if (partnerTyping) {
      kind = "typing";
      line = names ? say("typing", { name: names }) : say("someoneTyping");
    } else if (status) {
      kind = status.status;
      switch (status.status) {
        case "waiting": line = say("waiting"); break;
        case "paired": line = names ? say("pairedWith", { names }) : say("paired"); break;
        case "away": case "back": case "left": line = say(status.status, { name: status.name }); break;
        default: line = "";
      }
    }
    statusLine.textContent = line;
    statusLine.dataset.kind = kind;
    statusLine.hidden = line === "";
    followNewest();
  }

  function setStatus(frame) {
    if (frame.status === "clear") {
      status = null;
    } else if (["away", "back", "left"].includes(frame.status) && status && Array.isArray(status.with)) {
      status = { ...frame, with: status.with }; // still paired with the same people
    } else {
      status = frame;
    }
    stored.set("status", status);
    showStatus();
    // Buttons the page offers itself depend on the status; the server's quick replies do not.
    const offered = arrayOf(stored.get("replies", []), (reply) => reply && typeof reply.value === "string");
    if (offered.every((reply) => reply.action) && form.hidden === false) offer(actionsFor(lastActionText));
    tellHost({ type: "status", status: frame.status });
  }

  function setTyping(isTyping) {
    partnerTyping = isTyping;
    showStatus();
  }

  function setPasswordField(isPassword) {
    asksPassword = isPassword;
    field.type = isPassword ? "password" : "text";
    field.autocomplete = isPassword ? "current-password" : "off";
    field.placeholder = say(isPassword ? "password" : "typeMessage");
  }

  // Handles one frame from the server.
  function receive(frame) {
    if (!frame || typeof frame !== "object") return;
    if (Number.isInteger(frame.ack)) {
      outbox = outbox.filter((item) => item.seq > frame.ack);
      stored.set("outbox", outbox);
      if (resuming) {
        // Resumed: what the server does not have yet goes again.
        resuming = false;
        for (const item of outbox) transmit({ text: item.text, seq: item.seq });
      }
      return;
    }
    if (Number.isInteger(frame.renumbered)) {
      // The server restarted and numbers its messages on from here: what it sends next is new.
      seen = Math.min(seen, frame.renumbered);
      stored.set("seen", seen);
      return;
    }
    if (typeof frame.typing === "boolean") {
      setTyping(frame.typing);
      return;
    }
    if (typeof frame.status === "string") {
      setStatus(frame);
      return;
    }
    if (typeof frame.session === "string" && frame.session !== token) {
      const wasResuming = resuming;
      resuming = false;
      token = frame.session;
      stored.set("session", token);
      seen = 0;
      stored.set("seen", seen);
      if (wasResuming) {
        // The old session is gone: this connection is a new person who has said nothing yet.
        sessionGone(say("sessionGone"));
        stored.set("session", token);
        return;
      }
    }
    const numbered = Number.isInteger(frame.seq);
    if (numbered && frame.seq <= seen) {
      acknowledge(); // Sent again after a reconnect, and already shown.
      return;
    }
    setTyping(false);
    const words = typeof frame.text === "string" ? frame.text.trim() : "";
    const shown = shownPayload(frame.payload);
    const from = frame.from && typeof frame.from === "object" ? frame.from : {};
    const role = ["person", "bot", "operator", "notice", "world"].includes(from.role) ? from.role : "notice";
    if (words !== "" || shown !== null) {
      const entry = { role, text: words };
      if (typeof from.name === "string") entry.name = from.name;
      Object.assign(entry, shown || {});
      record(entry);
      tellHost({ type: "message", text: words, from: { role, name: entry.name } });
    }
    setPasswordField(Boolean(frame.payload && frame.payload.type === "password"));
    offer(repliesOf(frame, words));
    if (numbered) {
      seen = frame.seq;
      stored.set("seen", seen);
      acknowledge();
    }
  }

  function transmit(members) {
    socket.send(JSON.stringify(members));
  }

  // Tells the server that everything up to `seen` is kept, so it need not send it again.
  function acknowledge() {
    if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ ack: seen }));
  }

  // Starts a new conversation: the server takes the first message as the greeting.
  function greet(members = {}) {
    if (task !== "") members.task = task;
    transmit({ text: "", ...members });
  }

  // Sends what the person typed or picked (`title` is what they saw), now or once connected. A
  // password is neither shown nor kept.
  function send(value, { title } = {}) {
    offer([]);
    stopTyping();
    if (asksPassword) {
      setPasswordField(false);
      if (socket !== null && socket.readyState === WebSocket.OPEN) transmit({ text: value });
      return;
    }
    record({ role: "user", text: title || value });
    tellHost({ type: "sent", text: value });
    sent += 1;
    stored.set("sent", sent);
    outbox.push({ seq: sent, text: value });
    stored.set("outbox", outbox);
    if (socket !== null && socket.readyState === WebSocket.OPEN && !resuming) transmit({ text: value, seq: sent });
  }

  // Typing frames: one every few seconds while keys come, one when the person stops.
  function noteTyping() {
    clearTimeout(typingTimer);
    if (field.value === "" || asksPassword) {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (now - lastTypingSent > typingEvery) {
      lastTypingSent = now;
      control({ typing: true });
    }
    typingTimer = setTimeout(stopTyping, typingPause);
  }

  function stopTyping() {
    clearTimeout(typingTimer);
    if (lastTypingSent === 0) return;
    lastTypingSent = 0;
    control({ typing: false });
  }

  // Sends a frame that says nothing to the worlds, when connected.
  function control(members) {
    if (socket !== null && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(members));
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (!navigator.onLine) {
      setState("offline");
      return;
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(`${scheme}//${location.host}/websocket`);
    socket = opened;
    opened.addEventListener("open", () => {
      attempts = 0;
      setState("connected");
      if (token === null) {
        resuming = false;
        greet({ session: null, features, person: personKey });
        for (const item of outbox) transmit({ text: item.text, seq: item.seq });
      } else {
        resuming = true;
        opened.send(JSON.stringify({ session: token, features, person: personKey }));
      }
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
      if (event.code === 1000 && event.reason === supersededReason) {
        // That person lives on in the other tab; this one starts over as a new person.
        newPersonKey();
        token = null;
        sessionGone(say("otherTab"));
      } else {
        // A lost connection, or a server going away (1001, or 1000 when its framework closes the
        // socket first): try again; the server that answers says whether the session goes on.
        retry();
      }
    });
  }

  // Tries again after a delay that doubles up to longestDelay, with jitter.
  function retry() {
    const delay = Math.min(longestDelay, firstDelay * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts += 1;
    if (!navigator.onLine) {
      setState("offline");
      return;
    }
    setState("reconnecting");
    retryTimer = setTimeout(connect, delay);
  }

  // The conversation cannot go on: says why and offers a new one; what was said stays on screen.
  function sessionGone(reason) {
    stored.clearSession();
    outbox = [];
    seen = 0;
    sent = 0;
    status = null;
    setPasswordField(false);
    offer([]);
    showStatus();
    if (socket === null) setState("ended");
    endedText.textContent = reason;
    ended.hidden = false;
    form.hidden = true;
    restart.focus();
  }

  restart.addEventListener("click", () => {
    ended.hidden = true;
    form.hidden = false;
    record({ role: "divider", text: say("newConversation") });
    field.focus();
    if (socket !== null && socket.readyState === WebSocket.OPEN) {
      // The server already made this connection a new person (with a new session): greet it.
      greet();
    } else {
      token = null;
      setState("connecting");
      connect();
    }
  });

  // The conversation as text, for the person to keep.
  function transcript() {
    return entries.map((entry) => {
      if (entry.role === "divider") return `--- ${entry.text} ---`;
      const extra = [entry.image && !entry.image.startsWith("data:") ? entry.image : "", entry.file || "",
        ...(entry.cards || []).map((card) => `[${card.title}]`)].filter(Boolean).join(" ");
      return `${speakerName(entry)}: ${entry.text}${extra ? ` ${extra}` : ""}`;
    }).join("\n") + "\n";
  }

  function download(blob, name) {
    const anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = name;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(anchor.href), 60000);
  }

  document.getElementById("save").addEventListener("click", () => {
    download(new Blob([transcript()], { type: "text/plain;charset=utf-8" }), "conversation.txt");
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
    followNewest();
    if (!yourData.open) return;
    try {
      const me = await (await personCall("/people/me")).json();
      personCode.textContent = me.id;
      dataStatus.textContent = say("recorded", { count: me.conversations });
    } catch (error) {
      dataStatus.textContent = say("unreachable", { error: error.message });
    }
  });

  document.getElementById("download-data").addEventListener("click", async () => {
    try {
      download(await (await personCall("/people/me/export")).blob(), `${personCode.textContent || "parley"}.jsonl`);
    } catch (error) {
      dataStatus.textContent = say("couldNotDownload", { error: error.message });
    }
  });

  document.getElementById("erase-data").addEventListener("click", async () => {
    if (!confirm(say("eraseConfirm"))) return;
    try {
      await personCall("/people/me/erase");
    } catch (error) {
      dataStatus.textContent = say("couldNotErase", { error: error.message });
      return;
    }
    const dropped = socket;
    socket = null;
    if (dropped !== null) dropped.close();
    token = null;
    newPersonKey();
    entries = [];
    stored.set("log", entries);
    log.replaceChildren();
    sessionGone(say("erased"));
    dataStatus.textContent = say("erasedStatus");
    personCode.textContent = "";
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = field.value;
    if (value.trim() === "") return;
    field.value = "";
    send(value);
  });
  field.addEventListener("input", noteTyping);

  log.addEventListener("scroll", () => {
    stickToBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 32;
  });
  // The log shrinks when quick replies, the status line or a phone's keyboard appear.
  new ResizeObserver(followNewest).observe(log);

  window.addEventListener("online", () => {
    if (socket === null && ended.hidden) connect();
  });
  window.addEventListener("offline", () => {
    if (socket === null) setState("offline");
  });
  // A closed tab, a reload or a page left for another says so and closes: the partner is told at
  // once; a reload, or coming back to a page the browser kept (pageshow), resumes in time.
  window.addEventListener("pagehide", () => {
    if (socket === null) return;
    control({ leave: true });
    const closing = socket;
    socket = null;
    closing.close(1000, "The page was closed.");
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && socket === null && ended.hidden) connect();
  });
  // In a frame, Escape asks the host page to close the chat (embed.js).
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && framed) tellHost({ type: "escape" });
  });
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || !event.data || event.data.parley !== "send") return;
    if (typeof event.data.text === "string" && event.data.text.trim() !== "" && !form.hidden) send(event.data.text.slice(0, 4096));
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

  // The page's options and strings.
  function applyOptions() {
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll("[data-text]")) element.textContent = say(element.dataset.text);
    for (const element of document.querySelectorAll("[data-label]")) element.setAttribute("aria-label", say(element.dataset.label));
    field.placeholder = say("typeMessage");
    document.getElementById("save").title = say("downloadTitle");
    const title = (options.get("title") || "").trim().slice(0, 80);
    if (title !== "") document.getElementById("title").textContent = title;
    document.title = title || (task !== "" ? `Parley: ${task}` : "Parley");
    const color = options.get("color") || "";
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color)) {
      const full = color.length === 4 ? `#${[...color.slice(1)].map((digit) => digit + digit).join("")}` : color;
      document.documentElement.style.setProperty("--accent", full);
      document.documentElement.style.setProperty("--on-accent", textColorOn(full));
      // Buttons and links take the colour too where it reads well on the theme's background.
      const dark = matchMedia("(prefers-color-scheme: dark)");
      const linkColor = () => {
        const surface = dark.matches ? "#1c1c20" : "#ffffff";
        document.documentElement.style.setProperty("--link", contrast(full, surface) >= 4.5 ? full : "");
      };
      linkColor();
      dark.addEventListener("change", linkColor);
    }
    const logo = webAddress(options.get("logo"));
    if (logo !== null) {
      const image = document.getElementById("logo");
      image.addEventListener("error", () => { image.hidden = true; });
      image.src = shownSource(logo);
      image.hidden = false;
    }
  }

  // WCAG relative luminance of `#rrggbb`.
  function luminance(hex) {
    const channel = (offset) => {
      const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  // The WCAG contrast ratio of two `#rrggbb` colours.
  function contrast(first, second) {
    const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
  }

  // Black or white, whichever reads better on `hex`.
  function textColorOn(hex) {
    return contrast(hex, "#ffffff") >= contrast(hex, "#000000") ? "#ffffff" : "#000000";
  }

  applyOptions();
  setState("connecting");
  for (const entry of entries) show(entry);
  offer(arrayOf(stored.get("replies", []), (reply) => reply && typeof reply.value === "string" && typeof reply.title === "string"));
  showStatus();
  field.focus();
  connect();
})();
