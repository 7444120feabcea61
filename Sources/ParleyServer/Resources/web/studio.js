// Parley Studio (/studio): write, try, test, publish and review minds in the browser.
//
// One page: the minds on the left, five tabs on the right (editor, tester, tests, publish,
// review). It talks to the studio's JSON API under /studio/api/ and sends the admin key, when the
// server wants one, as `Authorization: Bearer KEY` (kept in the tab's sessionStorage). Every mind
// text, input, output, name and message is inserted as text, never as HTML.
"use strict";

(() => {
  const keyStorage = "parley-studio-key";
  // Milliseconds of quiet typing before the text is checked: short for most minds, longer for
  // large ones, whose check takes longer and should not run on every keystroke.
  const largeSource = 200000; // characters
  const checkDelay = (length) => (length < largeSource ? 40 : 150);
  // A large mind's outline (slower to read than its check, and long to draw) is read again only
  // after this many milliseconds of quiet.
  const largeOutlineDelay = 1500;
  const longestTimer = 2147483647; // milliseconds: setTimeout fires at once beyond this
  const validName = /^[A-Za-z0-9._-]{1,64}$/;
  const nameRule = "A name is 1 to 64 letters, digits, dots, underscores or hyphens.";
  const emptyTests = "tests: []\n";

  const byId = (id) => document.getElementById(id);

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  // A new element with a class and a text (always as text).
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(label, className, onClick) {
    const node = make("button", className, label);
    node.type = "button";
    if (onClick) node.addEventListener("click", onClick);
    return node;
  }

  // A value shown as text: strings as they are, anything else as JSON.
  function display(value) {
    if (value === null || value === undefined) return "";
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  function formatDate(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return String(iso);
    return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  const mindPath = (name, rest = "") => `/studio/api/minds/${encodeURIComponent(name)}${rest}`;

  // The output's text without its tags, and the tags in order (as the chat pages take them out).
  function parseOutput(output) {
    const tags = [];
    const text = String(output || "")
      .replace(/[ \t]*(?:\[[^\[\]]*\][ \t]*)+/g, (run) => {
        for (const [tag] of run.matchAll(/\[[^\[\]]*\]/g)) tags.push(tag);
        return " ";
      })
      .trim();
    return { text, tags };
  }

  // A YAML double-quoted scalar (JSON's escapes are YAML's, plus DEL and C1 controls).
  function yamlString(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\u009f]/g,
      (char) => "\\u" + char.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  async function copyText(text, trigger) {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      area.remove();
    }
    if (trigger) {
      const label = trigger.textContent;
      trigger.textContent = copied ? "Copied" : "Select and copy it";
      setTimeout(() => { trigger.textContent = label; }, 1500);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Line diff (longest common subsequence of lines)

  // The edit from `before` to `after` as lines: {op: " " | "-" | "+", text}.
  function diffLines(before, after) {
    const x = before.split("\n");
    const y = after.split("\n");
    let start = 0;
    while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
    let endX = x.length;
    let endY = y.length;
    while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
      endX -= 1;
      endY -= 1;
    }
    const ops = x.slice(0, start).map((text) => ({ op: " ", text }));
    const xs = x.slice(start, endX);
    const ys = y.slice(start, endY);
    const n = xs.length;
    const m = ys.length;
    if ((n + 1) * (m + 1) > 4000000) {
      // Too big to compare line by line: everything in between changed.
      for (const text of xs) ops.push({ op: "-", text });
      for (const text of ys) ops.push({ op: "+", text });
    } else {
      const width = m + 1;
      const lcs = new Uint32Array((n + 1) * width); // lcs[i][j]: the LCS of xs[i...] and ys[j...]
      for (let i = n - 1; i >= 0; i -= 1) {
        for (let j = m - 1; j >= 0; j -= 1) {
          lcs[i * width + j] = xs[i] === ys[j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n && j < m) {
        if (xs[i] === ys[j]) {
          ops.push({ op: " ", text: xs[i] });
          i += 1;
          j += 1;
        } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
          ops.push({ op: "-", text: xs[i] });
          i += 1;
        } else {
          ops.push({ op: "+", text: ys[j] });
          j += 1;
        }
      }
      for (; i < n; i += 1) ops.push({ op: "-", text: xs[i] });
      for (; j < m; j += 1) ops.push({ op: "+", text: ys[j] });
    }
    for (const text of x.slice(endX)) ops.push({ op: " ", text });
    return ops;
  }

  // A diff as a <pre> of - / + lines; long unchanged runs fold to their first and last lines.
  function renderDiff(ops, context = 3) {
    const pre = make("pre", "diff");
    const changed = ops.some((line) => line.op !== " ");
    if (!changed) {
      pre.append(make("span", "diff-line diff-note", "No differences."));
      return pre;
    }
    const near = new Uint8Array(ops.length);
    ops.forEach((line, index) => {
      if (line.op === " ") return;
      for (let k = Math.max(0, index - context); k <= Math.min(ops.length - 1, index + context); k += 1) near[k] = 1;
    });
    let skipped = 0;
    const flushSkipped = () => {
      if (skipped > 0) pre.append(make("span", "diff-line diff-note", `… ${plural(skipped, "unchanged line", "unchanged lines")} …`));
      skipped = 0;
    };
    ops.forEach((line, index) => {
      if (!near[index]) {
        skipped += 1;
        return;
      }
      flushSkipped();
      const kind = line.op === "-" ? "del" : line.op === "+" ? "ins" : "same";
      pre.append(make("span", `diff-line ${kind}`, `${line.op} ${line.text}`));
    });
    flushSkipped();
    return pre;
  }

  // ---------------------------------------------------------------------------------------------
  // Dialogs: a name, a confirmation, the admin key

  const nameDialog = byId("name-dialog");
  const nameForm = byId("name-form");
  const nameInput = byId("name-input");
  const nameError = byId("name-error");
  const nameOK = byId("name-ok");
  let nameSession = null; // {action, finish, check}

  // Asks for a name; `action(name)` runs with the dialog open and answers an error message to
  // show (the dialog stays) or nothing (the dialog closes). Resolves to the name, or null.
  function askName({ title, label = "Name", value = "", hint = "", ok = "OK", check = checkMindName }, action) {
    if (nameSession) nameSession.finish(null);
    byId("name-title").textContent = title;
    byId("name-label").textContent = label;
    byId("name-hint").textContent = hint;
    nameOK.textContent = ok;
    nameOK.disabled = false;
    nameError.textContent = "";
    nameInput.value = value;
    return new Promise((resolve) => {
      nameSession = {
        action,
        check,
        finish(result) {
          nameSession = null;
          if (nameDialog.open) nameDialog.close();
          resolve(result);
        },
      };
      nameDialog.showModal();
      nameInput.focus();
      nameInput.select();
    });
  }

  function checkMindName(name) {
    return validName.test(name) ? "" : nameRule;
  }

  nameForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const session = nameSession;
    if (!session || nameOK.disabled) return;
    const name = nameInput.value.trim();
    const problem = session.check(name);
    if (problem) {
      nameError.textContent = problem;
      nameInput.focus();
      return;
    }
    nameOK.disabled = true;
    nameError.textContent = "";
    let failure = "";
    try {
      failure = session.action ? (await session.action(name)) || "" : "";
    } catch (error) {
      failure = String(error && error.message ? error.message : error);
    }
    nameOK.disabled = false;
    if (session !== nameSession) return;
    if (failure) {
      nameError.textContent = sentence(failure);
      nameInput.focus();
      nameInput.select();
      return;
    }
    session.finish(name);
  });
  byId("name-cancel").addEventListener("click", () => nameSession && nameSession.finish(null));
  nameDialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (nameSession) nameSession.finish(null);
  });

  const confirmDialog = byId("confirm-dialog");
  let confirmSession = null;

  // Asks a yes/no question; resolves to true when confirmed.
  function askConfirm(title, text, ok = "OK", danger = true) {
    if (confirmSession) confirmSession(false);
    byId("confirm-title").textContent = title;
    byId("confirm-text").textContent = text;
    const okButton = byId("confirm-ok");
    okButton.textContent = ok;
    okButton.classList.toggle("danger", danger);
    okButton.classList.toggle("primary", !danger);
    return new Promise((resolve) => {
      confirmSession = (answer) => {
        confirmSession = null;
        if (confirmDialog.open) confirmDialog.close();
        resolve(answer);
      };
      confirmDialog.showModal();
      byId("confirm-cancel").focus();
    });
  }

  byId("confirm-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (confirmSession) confirmSession(true);
  });
  byId("confirm-cancel").addEventListener("click", () => confirmSession && confirmSession(false));
  confirmDialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (confirmSession) confirmSession(false);
  });

  const keyDialog = byId("key-dialog");
  const keyInput = byId("key-input");
  let key = readKey();
  let keyRequest = null; // the pending question, shared by every call that got a 401

  function readKey() {
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

  // Asks for the admin key; resolves to the key, or "" when the person cancels.
  function askKey(message) {
    if (keyRequest) return keyRequest.promise;
    byId("key-text").textContent = message;
    keyInput.value = "";
    let settle;
    const promise = new Promise((resolve) => { settle = resolve; });
    keyRequest = {
      promise,
      finish(value) {
        keyRequest = null;
        if (keyDialog.open) keyDialog.close();
        settle(value);
      },
    };
    keyDialog.showModal();
    keyInput.focus();
    return promise;
  }

  byId("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = keyInput.value.trim();
    if (value === "" || !keyRequest) return;
    key = value;
    storeKey(value);
    keyRequest.finish(value);
  });
  byId("key-cancel").addEventListener("click", () => keyRequest && keyRequest.finish(""));
  keyDialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    if (keyRequest) keyRequest.finish("");
  });

  // ---------------------------------------------------------------------------------------------
  // The API

  // One call: {ok, status, body, etag, message}. A 401 asks for the key and tries again.
  async function api(method, path, body, extraHeaders = {}) {
    for (;;) {
      const headers = { Accept: "application/json", ...extraHeaders };
      if (key !== "") headers.Authorization = `Bearer ${key}`;
      const init = { method, headers, cache: "no-store" };
      if (body !== undefined) {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      let response;
      try {
        response = await fetch(path, init);
      } catch (error) {
        return { ok: false, status: 0, body: null, etag: null, message: `could not reach the server (${error.message})` };
      }
      const text = await response.text().catch(() => "");
      let json = null;
      try {
        json = text === "" ? null : JSON.parse(text);
      } catch {
        json = null;
      }
      const message = errorMessage(json, response.status);
      if (response.status === 401) {
        const given = await askKey(key === ""
          ? "This server needs an admin key (one it was started with, --admin-key) to open the studio."
          : `That key did not work (${message}); enter another.`);
        if (given !== "") continue;
        return { ok: false, status: 401, body: json, etag: null, message: "the studio needs the server's admin key (reload the page to enter it)" };
      }
      return { ok: response.ok, status: response.status, body: json, etag: response.headers.get("ETag"), message };
    }
  }

  function errorMessage(json, status) {
    const error = json && json.error;
    if (error && typeof error.message === "string" && error.message !== "") return error.message;
    return `the server answered ${status}`;
  }

  // The diagnostics of a refusal (422 invalid_rulebase): the body's `diagnostics`, or the
  // error's `details` (where the server puts them).
  function answerDiagnostics(answer) {
    const body = answer && answer.body;
    if (!body) return [];
    if (Array.isArray(body.diagnostics)) return body.diagnostics;
    if (body.error && Array.isArray(body.error.details)) return body.error.details;
    return [];
  }

  // A message with its first letter capitalized, for a message that stands alone.
  function sentence(text) {
    const value = String(text || "");
    return value.charAt(0).toUpperCase() + value.slice(1);
  }

  // The first error among diagnostics, as "line 3: message", for a short report.
  function firstError(diagnostics) {
    const list = Array.isArray(diagnostics) ? diagnostics : [];
    const first = list.find((item) => item.severity === "error") || list[0];
    if (!first) return "";
    return first.line ? `line ${first.line}: ${first.message}` : String(first.message || "");
  }

  // ---------------------------------------------------------------------------------------------
  // Messages

  const messageBar = byId("message");

  function showMessage(text) {
    byId("message-text").textContent = text;
    messageBar.hidden = false;
  }

  function hideMessage() {
    messageBar.hidden = true;
  }

  byId("message-close").addEventListener("click", hideMessage);

  // ---------------------------------------------------------------------------------------------
  // The code editor: a textarea with a line-number gutter and a layer behind it that marks lines
  // with problems, the columns they point at and the matches of a search.

  class CodeEditor {
    constructor(textarea, { onChange } = {}) {
      this.textarea = textarea;
      this.onChange = onChange || (() => {});
      this.marks = []; // diagnostics: {severity, line, column}
      this.matches = []; // [start, length] of each match of the search
      this.current = -1; // the selected match
      this.lineCount = 0;
      this.gutterMarked = new Map(); // line -> severity, as the gutter shows them
      this.frame = 0;
      this.tabLeaves = false; // after Escape, Tab moves the focus instead of indenting
      this.build();
      this.listen();
      this.render();
    }

    build() {
      const ta = this.textarea;
      const id = ta.id;
      this.root = make("div", "code-editor");
      this.root.id = `${id}-editor`;

      this.findBar = make("div", "find-bar");
      this.findBar.hidden = true;
      this.findInput = make("input", "find-input");
      this.findInput.type = "text";
      this.findInput.id = `${id}-find-input`;
      this.findInput.placeholder = "Find";
      this.findInput.setAttribute("aria-label", "Find");
      this.findInput.autocomplete = "off";
      this.findInput.spellcheck = false;
      this.findCount = make("span", "find-count");
      this.findCount.id = `${id}-find-count`;
      this.findCount.setAttribute("aria-live", "polite");
      const previous = button("↑", "button find-prev", () => this.step(-1));
      previous.id = `${id}-find-prev`;
      previous.setAttribute("aria-label", "Previous match");
      const next = button("↓", "button find-next", () => this.step(1));
      next.id = `${id}-find-next`;
      next.setAttribute("aria-label", "Next match");
      const close = button("×", "button find-close", () => this.closeFind());
      close.setAttribute("aria-label", "Close the find bar");
      this.findBar.append(this.findInput, this.findCount, previous, next, close);

      const body = make("div", "code-body");
      const gutter = make("div", "gutter");
      gutter.setAttribute("aria-hidden", "true");
      this.gutterInner = make("div", "gutter-inner");
      gutter.append(this.gutterInner);
      const area = make("div", "code-area");
      const mirror = make("pre", "mirror");
      mirror.setAttribute("aria-hidden", "true");
      this.mirrorInner = make("span", "mirror-inner");
      mirror.append(this.mirrorInner);
      this.probe = make("span", "probe", "0000000000");
      mirror.append(this.probe);

      ta.replaceWith(this.root);
      area.append(mirror, ta);
      body.append(gutter, area);
      this.root.append(this.findBar, body);
    }

    listen() {
      const ta = this.textarea;
      ta.addEventListener("input", () => {
        if (!this.findBar.hidden) this.search(false);
        this.schedule();
        this.onChange();
      });
      ta.addEventListener("scroll", () => this.sync());
      ta.addEventListener("keydown", (event) => this.keydown(event));
      this.findInput.addEventListener("input", () => this.search(true));
      this.findInput.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          this.step(event.shiftKey ? -1 : 1);
        } else if (event.key === "Escape") {
          event.preventDefault();
          this.closeFind();
        } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "f") {
          event.preventDefault();
          this.findInput.select();
        }
      });
      new ResizeObserver(() => this.sync()).observe(ta);
    }

    get value() {
      return this.textarea.value;
    }

    set readOnly(flag) {
      this.textarea.readOnly = flag;
      this.root.classList.toggle("read-only", flag);
    }

    // Replaces the text and forgets its undo history (another mind's text).
    load(text) {
      const ta = this.textarea;
      ta.value = text;
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
      ta.scrollLeft = 0;
      this.marks = [];
      if (!this.findBar.hidden) this.search(false);
      this.render();
    }

    // Replaces the whole text as an edit that Ctrl-Z undoes, where the browser allows it.
    replace(text) {
      const ta = this.textarea;
      if (ta.value === text) return;
      const before = document.activeElement;
      if (!ta.readOnly) {
        ta.focus();
        if (document.activeElement === ta) {
          ta.select();
          const done = text === "" ? document.execCommand("delete") : document.execCommand("insertText", false, text);
          if (before && before !== ta && typeof before.focus === "function") before.focus();
          if (done && ta.value === text) return; // the input event has updated everything
        }
      }
      ta.value = text;
      this.schedule();
      this.onChange();
    }

    // Inserts text at the selection as an edit that Ctrl-Z undoes.
    insert(text) {
      const ta = this.textarea;
      if (document.execCommand("insertText", false, text)) return;
      ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }

    keydown(event) {
      const ta = this.textarea;
      const command = event.ctrlKey || event.metaKey;
      if (command && !event.altKey && event.key.toLowerCase() === "f") {
        event.preventDefault();
        this.openFind();
        return;
      }
      if (event.key === "Escape") {
        this.tabLeaves = true;
        if (!this.findBar.hidden) this.closeFind();
        return;
      }
      const leaves = this.tabLeaves;
      this.tabLeaves = false;
      if (ta.readOnly || command || event.altKey) return;
      if (event.key === "Tab" && !leaves) {
        event.preventDefault();
        this.indent(event.shiftKey);
      } else if (event.key === "Enter" && !event.shiftKey) {
        // A new line keeps the indentation of the line it breaks.
        const start = ta.selectionStart;
        const lineStart = ta.value.lastIndexOf("\n", start - 1) + 1;
        const indentation = /^[ \t]*/.exec(ta.value.slice(lineStart, start))[0];
        if (indentation === "") return;
        event.preventDefault();
        this.insert("\n" + indentation);
      }
    }

    // Tab: two spaces, or indents the selected lines; Shift-Tab takes two spaces off them.
    indent(outdent) {
      const ta = this.textarea;
      const value = ta.value;
      const start = ta.selectionStart;
      const end = ta.selectionEnd;
      if (!outdent && !value.slice(start, end).includes("\n")) {
        this.insert("  ");
        return;
      }
      const blockStart = value.lastIndexOf("\n", start - 1) + 1;
      const blockEnd = end > start && value[end - 1] === "\n" ? end - 1 : end;
      const lines = value.slice(blockStart, blockEnd).split("\n");
      const changed = lines.map((line) => (outdent ? line.replace(/^ {1,2}/, "") : line === "" ? line : "  " + line)).join("\n");
      if (changed === value.slice(blockStart, blockEnd)) return;
      ta.setSelectionRange(blockStart, blockEnd);
      this.insert(changed);
      ta.setSelectionRange(blockStart, blockStart + changed.length);
    }

    // The problems to mark: diagnostics with a line.
    setMarks(diagnostics) {
      this.marks = (diagnostics || []).filter((item) => Number.isInteger(item.line) && item.line > 0);
      this.render();
    }

    schedule() {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }

    render() {
      const text = this.textarea.value;
      const lines = text.split("\n");
      this.renderGutter(lines.length);
      this.renderMirror(text, lines);
      this.sync();
    }

    // The severity of each marked line: an error outranks a warning.
    lineSeverities() {
      const severities = new Map();
      for (const mark of this.marks) {
        const previous = severities.get(mark.line);
        if (previous !== "error") severities.set(mark.line, mark.severity === "error" ? "error" : "warning");
      }
      return severities;
    }

    renderGutter(count) {
      const severities = this.lineSeverities();
      if (count !== this.lineCount) {
        const fragment = document.createDocumentFragment();
        for (let line = 1; line <= count; line += 1) fragment.append(make("div", "gutter-line", line));
        this.gutterInner.replaceChildren(fragment);
        this.lineCount = count;
        this.gutterMarked = new Map();
      }
      // Only the lines whose mark changed are touched: a large mind has many thousand lines.
      const rows = this.gutterInner.children;
      const touched = new Set([...this.gutterMarked.keys(), ...severities.keys()]);
      for (const line of touched) {
        const severity = severities.get(line);
        if (severity === this.gutterMarked.get(line) || line > count) continue;
        const row = rows[line - 1];
        row.classList.remove("error", "warning");
        if (severity) row.classList.add(severity);
        row.title = severity === "error" ? "Error on this line" : severity ? "Warning on this line" : "";
      }
      this.gutterMarked = severities;
    }

    // The layer behind the text: a tinted band per marked line, and the text itself (invisible)
    // with the columns problems point at and the search's matches wrapped in spans.
    renderMirror(text, lines) {
      const fragment = document.createDocumentFragment();
      const lineHeight = this.lineHeight();
      for (const [line, severity] of this.lineSeverities()) {
        if (line > lines.length) continue;
        const band = make("span", `band ${severity}`);
        band.style.top = `${(line - 1) * lineHeight}px`;
        band.style.height = `${lineHeight}px`;
        fragment.append(band);
      }
      const ranges = [];
      const starts = this.lineStarts(lines);
      for (const mark of this.marks) {
        if (mark.line > lines.length || !Number.isInteger(mark.column) || mark.column < 1) continue;
        if (mark.column > lines[mark.line - 1].length) continue;
        const at = starts[mark.line - 1] + mark.column - 1;
        ranges.push([at, at + 1, `column-mark ${mark.severity === "error" ? "error" : "warning"}`]);
      }
      this.matches.forEach(([at, length], index) => {
        ranges.push([at, at + length, index === this.current ? "find-match current" : "find-match"]);
      });
      ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      let position = 0;
      for (const [from, to, className] of ranges) {
        if (from < position) continue;
        if (from > position) fragment.append(document.createTextNode(text.slice(position, from)));
        fragment.append(make("span", className, text.slice(from, to)));
        position = to;
      }
      // The text after the last mark places nothing: only the rest of its line is kept.
      const lineEnd = text.indexOf("\n", position);
      fragment.append(document.createTextNode(text.slice(position, lineEnd === -1 ? text.length : lineEnd) + "\n"));
      this.mirrorInner.replaceChildren(fragment);
    }

    lineStarts(lines) {
      const starts = [];
      let offset = 0;
      for (const line of lines) {
        starts.push(offset);
        offset += line.length + 1;
      }
      return starts;
    }

    lineHeight() {
      return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
    }

    charWidth() {
      const width = this.probe.getBoundingClientRect().width / 10;
      return width > 0 ? width : 8;
    }

    // The gutter and the layer behind follow the textarea's scrolling.
    sync() {
      const ta = this.textarea;
      this.gutterInner.style.transform = `translateY(${-ta.scrollTop}px)`;
      this.mirrorInner.style.transform = `translate(${-ta.scrollLeft}px, ${-ta.scrollTop}px)`;
    }

    // Puts the caret at a line and column (1-based) and scrolls it into view.
    goTo(line, column, focus = true) {
      const ta = this.textarea;
      const lines = ta.value.split("\n");
      const row = Math.min(Math.max(1, line || 1), lines.length);
      const col = Math.min(Math.max(1, column || 1), lines[row - 1].length + 1);
      const offset = this.lineStarts(lines)[row - 1] + col - 1;
      if (focus) ta.focus({ preventScroll: true });
      ta.setSelectionRange(offset, offset);
      this.reveal(row, col);
    }

    // Scrolls so that a line and column are in view, the line near the middle.
    reveal(line, column) {
      const ta = this.textarea;
      const lineHeight = this.lineHeight();
      const top = (line - 1) * lineHeight;
      if (top < ta.scrollTop || top + lineHeight > ta.scrollTop + ta.clientHeight - lineHeight) {
        ta.scrollTop = Math.max(0, top - ta.clientHeight / 2);
      }
      const left = (column - 1) * this.charWidth();
      if (left < ta.scrollLeft || left > ta.scrollLeft + ta.clientWidth - 40) {
        ta.scrollLeft = Math.max(0, left - ta.clientWidth / 2);
      }
      this.sync();
    }

    revealOffset(offset) {
      const before = this.textarea.value.slice(0, offset);
      const line = before.split("\n").length;
      const column = offset - before.lastIndexOf("\n");
      this.reveal(line, column);
    }

    // Find

    openFind() {
      const ta = this.textarea;
      const selected = ta.value.slice(ta.selectionStart, ta.selectionEnd);
      if (selected !== "" && !selected.includes("\n")) this.findInput.value = selected;
      this.findBar.hidden = false;
      this.findInput.focus();
      this.findInput.select();
      this.search(true);
    }

    closeFind() {
      this.findBar.hidden = true;
      this.matches = [];
      this.current = -1;
      this.render();
      this.textarea.focus();
    }

    // Finds every match of the query (ignoring case); from the caret, selects the first one after it.
    search(fromCaret) {
      const query = this.findInput.value;
      const previous = this.matches[this.current];
      this.matches = [];
      if (query !== "") {
        const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
        for (const match of this.textarea.value.matchAll(pattern)) {
          this.matches.push([match.index, match[0].length]);
          if (this.matches.length >= 10000) break;
        }
      }
      if (this.matches.length === 0) {
        this.current = -1;
      } else {
        const from = fromCaret ? this.textarea.selectionStart : previous ? previous[0] : 0;
        const index = this.matches.findIndex(([at]) => at >= from);
        this.current = index === -1 ? 0 : index;
      }
      this.showMatch(fromCaret);
    }

    step(direction) {
      if (this.matches.length === 0) {
        this.search(false);
        return;
      }
      this.current = (this.current + direction + this.matches.length) % this.matches.length;
      this.showMatch(true);
    }

    // Selects the current match in the textarea (without taking the focus from the find bar).
    showMatch(select) {
      const count = this.matches.length;
      this.findCount.textContent = this.findInput.value === "" ? "" : count === 0 ? "No matches"
        : `${this.current + 1} of ${count}${count >= 10000 ? "+" : ""}`;
      if (select && this.current >= 0) {
        const [at, length] = this.matches[this.current];
        this.textarea.setSelectionRange(at, at + length);
        this.revealOffset(at);
      }
      this.render();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Page state

  const state = {
    info: null,
    minds: [],
    mind: null, // {name, editable, origin, latestVersion}
    etag: null,
    saved: { source: "", tests: "" }, // the texts as last saved or loaded
    saving: null, // the save under way
    conflict: null, // the server's current draft after a 412
    diagnostics: [],
    outline: [],
    checkSequence: 0,
    openSequence: 0,
    tab: "editor",
    reviewLoaded: false,
    versionsLoaded: false,
    versionTexts: new Map(),
  };

  // The review's last answer, the outline of the version it is about, and the sort order.
  const review = { body: null, outline: null, version: null, sort: "count" };

  const sourceEditor = new CodeEditor(byId("source"), { onChange: sourceChanged });
  const testsEditor = new CodeEditor(byId("tests-source"), { onChange: updateSaveStatus });

  function isDirty() {
    return Boolean(state.mind && state.mind.editable) &&
      (sourceEditor.value !== state.saved.source || testsEditor.value !== state.saved.tests);
  }

  function updateSaveStatus() {
    const status = byId("save-status");
    let text = "";
    let kind = "";
    if (state.mind) {
      if (!state.mind.editable) {
        text = "Read-only";
        kind = "read-only";
      } else if (state.saving) {
        text = "Saving…";
        kind = "saving";
      } else if (state.conflict) {
        text = "Not saved: conflict";
        kind = "unsaved";
      } else if (isDirty()) {
        text = "Unsaved changes";
        kind = "unsaved";
      } else {
        text = "Saved";
        kind = "saved";
      }
    }
    status.textContent = text;
    status.dataset.state = kind;
    byId("save").disabled = !(state.mind && state.mind.editable);
    updatePublishState();
  }

  window.addEventListener("beforeunload", (event) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // ---------------------------------------------------------------------------------------------
  // Validation as you type

  let checkTimer = null;
  let outlineTimer = null;

  function sourceChanged() {
    updateSaveStatus();
    clearTimeout(checkTimer);
    clearTimeout(outlineTimer);
    const large = sourceEditor.value.length >= largeSource;
    checkTimer = setTimeout(() => runCheck(!large), checkDelay(sourceEditor.value.length));
    if (large) outlineTimer = setTimeout(() => runCheck(true), largeOutlineDelay);
  }

  // Checks the editor's text; with `withOutline`, reads its outline too.
  async function runCheck(withOutline) {
    const sequence = ++state.checkSequence;
    const source = sourceEditor.value;
    const answer = await api("POST", "/studio/api/check", withOutline ? { source } : { source, outline: false });
    if (sequence !== state.checkSequence) return; // a newer text is being checked
    if (!answer.ok || !answer.body) return;
    setDiagnostics(answer.body.diagnostics, answer.body.outline);
  }

  let outlineKey = "";

  function setDiagnostics(diagnostics, outline) {
    state.diagnostics = Array.isArray(diagnostics) ? diagnostics : [];
    // The outline is drawn again only when it changed (most keystrokes leave it as it was).
    const key = Array.isArray(outline) ? JSON.stringify(outline) : outlineKey;
    const outlineChanged = key !== outlineKey;
    outlineKey = key;
    if (Array.isArray(outline)) state.outline = outline;
    sourceEditor.setMarks(state.diagnostics);
    renderDiagnostics(byId("diagnostics"), state.diagnostics, sourceEditor);
    const errors = state.diagnostics.filter((item) => item.severity === "error").length;
    const warnings = state.diagnostics.length - errors;
    byId("problem-count").textContent = state.diagnostics.length === 0 ? ""
      : [errors ? plural(errors, "error", "errors") : "", warnings ? plural(warnings, "warning", "warnings") : ""].filter(Boolean).join(", ");
    if (outlineChanged) renderOutline();
    updatePublishState();
  }

  function errorCount() {
    return state.diagnostics.filter((item) => item.severity === "error").length;
  }

  // A list of diagnostics, each a row that puts the caret where it points.
  function renderDiagnostics(list, diagnostics, editor) {
    list.replaceChildren();
    if (diagnostics.length === 0) {
      list.append(make("li", "empty", "No problems."));
      return;
    }
    for (const item of diagnostics) {
      const severity = item.severity === "error" ? "error" : "warning";
      const row = make("li", `diagnostic ${severity}`);
      row.dataset.line = item.line ? String(item.line) : "";
      row.dataset.column = item.column ? String(item.column) : "";
      row.append(make("span", "severity", severity));
      if (item.line) row.append(make("span", "where", `${item.line}:${item.column || 1}`));
      if (item.path) row.append(make("span", "path", item.path));
      row.append(make("span", "diagnostic-message", item.message));
      if (item.line) {
        row.tabIndex = 0;
        row.setAttribute("role", "button");
        const jump = () => editor.goTo(item.line, item.column || 1);
        row.addEventListener("click", jump);
        row.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            jump();
          }
        });
      }
      list.append(row);
    }
  }

  // Outline entries with entries under them (a section, a model, a state) fold; the long lists
  // of substitutions and concepts start folded. What the person folds or opens stays so while the
  // page is open.
  const outlineFolds = new Map(); // "kind:name" -> true when folded

  function foldedByDefault(entry, children) {
    if (entry.kind === "section" && /^(substitutions|concepts)$/.test(String(entry.name))) return true;
    return children.length > 0 && children.every((child) => child.kind === "substitution" || child.kind === "concept");
  }

  function renderOutline() {
    const list = byId("outline");
    list.replaceChildren();
    if (state.outline.length === 0) {
      list.append(make("li", "empty", "Nothing to outline yet."));
      return;
    }
    const entries = state.outline;
    const rows = [];
    entries.forEach((entry, index) => {
      const depth = Number(entry.depth) || 0;
      const children = [];
      for (let next = index + 1; next < entries.length && (Number(entries[next].depth) || 0) > depth; next += 1) {
        children.push(next);
      }
      const row = make("li", `outline-item kind-${String(entry.kind || "").replace(/[^a-z]/g, "")}`);
      row.style.paddingLeft = `${0.2 + depth * 1.1}rem`;
      row.dataset.line = entry.line ? String(entry.line) : "";
      row.dataset.kind = display(entry.kind);
      row.dataset.name = display(entry.name);
      const foldKey = `${display(entry.kind)}:${display(entry.name)}`;
      if (children.length > 0) {
        if (!outlineFolds.has(foldKey)) outlineFolds.set(foldKey, foldedByDefault(entry, children.map((at) => entries[at])));
        const toggle = button("", "outline-toggle");
        toggle.dataset.count = String(children.length);
        row.append(toggle);
        row.classList.add("has-children");
      } else {
        row.append(make("span", "outline-toggle-space"));
      }
      const jump = button("", "outline-jump");
      jump.append(make("span", "kind", entry.kind), make("span", "name", entry.name));
      if (entry.detail) jump.append(make("span", "detail", entry.detail));
      if (entry.line) {
        jump.title = `Go to line ${entry.line}`;
        jump.addEventListener("click", () => {
          selectTab("editor");
          sourceEditor.goTo(entry.line, entry.column || 1);
        });
      } else {
        jump.disabled = true;
      }
      row.append(jump);
      rows.push({ row, depth, children, foldKey, entry });
      list.append(row);
    });
    // Shows each row unless an entry above it is folded.
    const apply = () => {
      const hidden = new Set();
      for (const { row, children, foldKey, entry } of rows) {
        const toggle = row.querySelector(".outline-toggle");
        if (!toggle) continue;
        const folded = outlineFolds.get(foldKey) === true;
        toggle.setAttribute("aria-expanded", String(!folded));
        toggle.setAttribute("aria-label", `${folded ? "Show" : "Hide"} the ${children.length} entries of ${display(entry.kind)} ${display(entry.name)}`);
        toggle.textContent = folded ? `▸ ${children.length}` : "▾";
        toggle.title = folded ? `Show ${plural(children.length, "entry", "entries")}` : "Fold";
        if (folded) for (const at of children) hidden.add(at);
      }
      rows.forEach(({ row }, index) => { row.hidden = hidden.has(index); });
    };
    for (const { row, foldKey } of rows) {
      const toggle = row.querySelector(".outline-toggle");
      if (!toggle) continue;
      toggle.addEventListener("click", () => {
        outlineFolds.set(foldKey, outlineFolds.get(foldKey) !== true);
        apply();
      });
      // Arrow keys on an entry fold (left) and open (right) it, as in a tree.
      row.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        if (event.target.tagName === "INPUT") return;
        event.preventDefault();
        outlineFolds.set(foldKey, event.key === "ArrowLeft");
        apply();
      });
    }
    apply();
  }

  // The line of a rule ("main.3"), from the outline or a coverage list.
  const ruleLines = new Map();

  function ruleLine(id) {
    if (ruleLines.has(id)) return ruleLines.get(id);
    const entry = state.outline.find((item) => item.kind === "rule" && item.name === id);
    return entry && entry.line ? entry.line : null;
  }

  // What an outline says of a rule (its input pattern), or "".
  function ruleDetail(id, outline = state.outline) {
    const entry = (outline || []).find((item) => item.kind === "rule" && item.name === id);
    return entry && entry.detail ? display(entry.detail) : "";
  }

  // The draft's line of a rule of another text (a published version, whose outline is given):
  // the draft's rule of that id when its pattern is the same, else the one rule with that pattern.
  function draftLineOf(id, outline) {
    if (!outline) return ruleLine(id);
    const detail = ruleDetail(id, outline);
    const rules = state.outline.filter((item) => item.kind === "rule" && item.line);
    const same = rules.find((item) => item.name === id && display(item.detail) === detail);
    if (same) return same.line;
    const alike = rules.filter((item) => detail !== "" && display(item.detail) === detail);
    return alike.length === 1 ? alike[0].line : null;
  }

  // A rule id that jumps to the rule in the editor when its line is known. With `outline`, the
  // id is one of that text's (a published version), found in the draft by its pattern.
  function ruleLink(id, className = "", outline = null) {
    const line = draftLineOf(id, outline);
    if (!line) {
      const plain = make("span", `rule ${className}`.trim(), id);
      if (outline) plain.title = "This rule is not in the draft any more.";
      return plain;
    }
    const link = button(id, `rule rule-link ${className}`.trim(), () => {
      selectTab("editor");
      sourceEditor.goTo(line, 1);
    });
    link.dataset.rule = id;
    link.dataset.line = String(line);
    link.title = `Go to line ${line} of the draft`;
    return link;
  }

  // ---------------------------------------------------------------------------------------------
  // Saving the draft

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      saveDraft();
    }
  }, true);
  byId("save").addEventListener("click", () => saveDraft());

  // Saves both texts; resolves to true once they are saved.
  async function saveDraft() {
    if (!state.mind || !state.mind.editable) return false;
    while (state.saving) await state.saving;
    if (!isDirty() && !state.conflict) return true;
    return runSave(state.etag);
  }

  async function runSave(ifMatch) {
    const run = putDraft(ifMatch);
    state.saving = run;
    updateSaveStatus();
    try {
      return await run;
    } finally {
      if (state.saving === run) state.saving = null;
      updateSaveStatus();
    }
  }

  async function putDraft(ifMatch) {
    const name = state.mind.name;
    const sent = { source: sourceEditor.value, tests: testsEditor.value };
    const headers = ifMatch ? { "If-Match": ifMatch } : {};
    const answer = await api("PUT", mindPath(name), sent, headers);
    if (!state.mind || state.mind.name !== name) return false;
    if (answer.status === 412) {
      showConflict(answer.body && answer.body.current);
      return false;
    }
    if (!answer.ok || !answer.body) {
      showMessage(`Could not save ${name}: ${answer.message}.`);
      return false;
    }
    state.saved = sent;
    state.etag = answer.etag || `"${answer.body.revision}"`;
    hideConflict();
    if (sourceEditor.value === sent.source) {
      state.checkSequence += 1; // an older check's answer must not replace this one
      setDiagnostics(answer.body.diagnostics, answer.body.outline);
    }
    return true;
  }

  // Conflict: someone else saved the draft since it was loaded here.

  function showConflict(current) {
    if (!current) {
      showMessage("Someone else saved this mind meanwhile; reload it to see their text.");
      return;
    }
    state.conflict = current;
    const panel = byId("conflict");
    byId("conflict-text").textContent =
      `Revision ${current.revision} was saved elsewhere (another window or person) after you loaded this mind. ` +
      "Your text is still in the editor, not saved. Keep yours (it replaces theirs), or take theirs " +
      "(Ctrl-Z in the editor brings yours back; Copy my text keeps it on the clipboard).";
    const diff = byId("conflict-diff");
    diff.replaceChildren();
    diff.append(make("h4", "", "Mind"), renderDiff(diffLines(String(current.source || ""), sourceEditor.value)));
    if (String(current.tests || "") !== testsEditor.value) {
      diff.append(make("h4", "", "Tests"), renderDiff(diffLines(String(current.tests || ""), testsEditor.value)));
    }
    panel.hidden = false;
    selectTab("editor");
    updateSaveStatus();
    panel.scrollTop = 0;
    panel.scrollIntoView({ block: "nearest" });
    byId("conflict-title").focus({ preventScroll: true });
  }

  function hideConflict() {
    state.conflict = null;
    byId("conflict").hidden = true;
  }

  // Back in this window: when the draft was saved elsewhere meanwhile, take the new text when
  // nothing here is unsaved, else show the conflict at once (before a save would find it).
  let freshnessCheck = null;

  async function checkFreshness() {
    const mind = state.mind;
    if (!mind || !mind.editable || state.saving || state.conflict || freshnessCheck) return;
    freshnessCheck = api("GET", mindPath(mind.name));
    const answer = await freshnessCheck;
    freshnessCheck = null;
    if (state.mind !== mind || state.saving || state.conflict || !answer.ok || !answer.body) return;
    const etag = answer.etag || `"${answer.body.revision}"`;
    if (!state.etag || etag === state.etag) return;
    const current = { source: String(answer.body.source || ""), tests: String(answer.body.tests || ""), revision: answer.body.revision };
    if (current.source === sourceEditor.value && current.tests === testsEditor.value) {
      state.saved = { source: current.source, tests: current.tests };
      state.etag = etag;
      updateSaveStatus();
    } else if (!isDirty()) {
      state.saved = { source: current.source, tests: current.tests };
      state.etag = etag;
      sourceEditor.replace(current.source);
      testsEditor.replace(current.tests);
      updateSaveStatus();
      showMessage(`${mind.name} was saved elsewhere (revision ${current.revision}): the editor shows that text now.`);
    } else {
      showConflict(current);
    }
  }

  window.addEventListener("focus", () => { checkFreshness(); });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkFreshness();
  });

  byId("conflict-copy").addEventListener("click", (event) => copyText(sourceEditor.value, event.currentTarget));

  byId("conflict-mine").addEventListener("click", async () => {
    const current = state.conflict;
    if (!current) return;
    while (state.saving) await state.saving;
    await runSave(`"${current.revision}"`);
  });

  byId("conflict-theirs").addEventListener("click", () => {
    const current = state.conflict;
    if (!current) return;
    const source = String(current.source || "");
    const tests = String(current.tests || "");
    state.saved = { source, tests };
    state.etag = `"${current.revision}"`;
    hideConflict();
    testsEditor.replace(tests);
    sourceEditor.replace(source);
    updateSaveStatus();
  });

  // ---------------------------------------------------------------------------------------------
  // Minds

  const mindList = byId("minds");

  async function loadMinds(select) {
    const answer = await api("GET", "/studio/api/minds");
    if (!answer.ok || !answer.body) {
      showMessage(`Could not list the minds: ${answer.message}.`);
      return;
    }
    state.minds = Array.isArray(answer.body.minds) ? answer.body.minds : [];
    renderMinds();
    const names = state.minds.map((mind) => mind.name);
    let target = select;
    if (!target && state.mind && names.includes(state.mind.name)) return;
    if (!target) {
      const fromLink = new URLSearchParams(location.hash.slice(1)).get("mind");
      target = fromLink && names.includes(fromLink) ? fromLink : names[0];
    }
    if (target) {
      await openMind(target, { force: Boolean(select) });
    } else {
      closeMind();
    }
  }

  function renderMinds() {
    mindList.replaceChildren();
    if (state.minds.length === 0) {
      mindList.append(make("li", "empty", "No minds yet."));
      return;
    }
    for (const mind of state.minds) {
      const item = make("li");
      const entry = button("", "mind");
      entry.dataset.mind = mind.name;
      entry.append(make("span", "mind-name", mind.name));
      if (!mind.editable) entry.append(make("span", "badge", "read-only"));
      if (mind.latestVersion) entry.append(make("span", "mind-version", `v${mind.latestVersion}`));
      if (state.mind && state.mind.name === mind.name) entry.setAttribute("aria-current", "true");
      entry.addEventListener("click", () => openMind(mind.name));
      item.append(entry);
      mindList.append(item);
    }
  }

  // Leaves the open mind: saves its changes first. Resolves to false when they could not be saved.
  async function leaveMind() {
    if (!isDirty()) return true;
    return saveDraft();
  }

  async function openMind(name, { force = false } = {}) {
    if (!force && state.mind && state.mind.name === name) return;
    if (!(await leaveMind())) return;
    const sequence = ++state.openSequence;
    const answer = await api("GET", mindPath(name));
    if (sequence !== state.openSequence) return;
    if (!answer.ok || !answer.body) {
      showMessage(`Could not open ${name}: ${answer.message}.`);
      return;
    }
    const body = answer.body;
    const listed = state.minds.find((mind) => mind.name === name) || {};
    state.mind = {
      name: body.name || name,
      editable: body.editable !== false,
      origin: body.origin || listed.origin || "",
      latestVersion: body.latestVersion ?? listed.latestVersion ?? null,
    };
    const source = String(body.source || "");
    const tests = String(body.tests || "");
    state.saved = { source, tests };
    state.etag = answer.etag || (body.revision !== undefined ? `"${body.revision}"` : null);
    hideConflict();
    hideMessage();
    sourceEditor.load(source);
    testsEditor.load(tests);
    sourceEditor.readOnly = !state.mind.editable;
    testsEditor.readOnly = !state.mind.editable;
    state.checkSequence += 1;
    ruleLines.clear();
    setDiagnostics(body.diagnostics, body.outline || []);
    history.replaceState(null, "", `#mind=${encodeURIComponent(state.mind.name)}`);
    mindOpened();
  }

  // Everything that belongs to one mind starts afresh.
  function mindOpened() {
    const mind = state.mind;
    document.body.classList.toggle("no-mind", !mind);
    byId("current-mind").textContent = mind ? mind.name : "";
    document.title = mind ? `${mind.name} · Parley Studio` : "Parley Studio";
    byId("read-only-note").hidden = !mind || mind.editable;
    const editable = Boolean(mind && mind.editable);
    byId("rename-mind").hidden = Boolean(mind) && !editable;
    byId("delete-mind").hidden = Boolean(mind) && !editable;
    byId("copy-mind").hidden = !mind || editable;
    byId("duplicate-mind").hidden = Boolean(mind) && !editable; // "Copy into the studio" does it
    for (const id of ["rename-mind", "delete-mind", "duplicate-mind", "download-mind", "copy-mind"]) byId(id).disabled = !mind;
    byId("save-test").disabled = !editable;
    byId("run-tests").disabled = !mind;
    renderMinds();
    resetConversation();
    byId("test-results").replaceChildren(make("p", "hint", "Run the tests to see their results."));
    byId("coverage").replaceChildren();
    byId("published").hidden = true;
    byId("version-url").textContent = "";
    state.versionsLoaded = false;
    state.versionTexts = new Map();
    state.reviewLoaded = false;
    review.body = null;
    review.outline = null;
    byId("versions").tBodies[0].replaceChildren();
    byId("version-diff").replaceChildren();
    byId("compare-status").textContent = "";
    byId("unmatched").tBodies[0].replaceChildren();
    byId("review-rules").replaceChildren();
    byId("review-summary").textContent = "";
    updateSaveStatus();
    tabOpened(state.tab);
  }

  function closeMind() {
    state.mind = null;
    state.saved = { source: "", tests: "" };
    state.etag = null;
    sourceEditor.load("");
    testsEditor.load("");
    setDiagnostics([], []);
    history.replaceState(null, "", location.pathname);
    mindOpened();
  }

  // Creates a mind (without a source: the server's template, a mind that loads); answers an
  // error message, or nothing.
  async function createMind(name, source, tests = emptyTests) {
    const body = { name, tests };
    if (source !== undefined) body.source = source;
    const answer = await api("POST", "/studio/api/minds", body);
    if (!answer.ok) return answer.message;
    await loadMinds((answer.body && answer.body.name) || name);
    return "";
  }

  byId("new-mind").addEventListener("click", async () => {
    if (!(await leaveMind())) return;
    askName({ title: "New mind", value: "", hint: nameRule, ok: "Create" },
      (name) => createMind(name));
  });

  byId("upload-mind").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    let text;
    try {
      text = await file.text();
    } catch (error) {
      showMessage(`Could not read ${file.name}: ${error.message}.`);
      return;
    }
    if (!(await leaveMind())) return;
    const stem = file.name.replace(/\.(ya?ml|json)$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 64) || "mind";
    askName({ title: `Upload ${file.name}`, value: stem, hint: nameRule, ok: "Upload" },
      (name) => createMind(name, text.replace(/\r\n?/g, "\n")));
  });

  byId("rename-mind").addEventListener("click", () => {
    const mind = state.mind;
    if (!mind || !mind.editable) return;
    askName({ title: `Rename ${mind.name}`, label: "New name", value: mind.name, hint: nameRule, ok: "Rename" }, async (name) => {
      if (name === mind.name) return "";
      const answer = await api("POST", mindPath(mind.name, "/rename"), { name });
      if (!answer.ok) return answer.message;
      const renamed = (answer.body && answer.body.name) || name;
      if (state.mind === mind) {
        mind.name = renamed;
        history.replaceState(null, "", `#mind=${encodeURIComponent(renamed)}`);
        byId("current-mind").textContent = renamed;
      }
      await loadMinds();
      renderMinds();
      return "";
    });
  });

  // Duplicate and "Copy into the studio": the same call, on the saved draft.
  async function copyMind() {
    const mind = state.mind;
    if (!mind) return;
    if (!(await leaveMind())) return;
    const title = mind.editable ? `Duplicate ${mind.name}` : `Copy ${mind.name} into the studio`;
    const value = `${mind.name.slice(0, 59)}-copy`;
    askName({ title, label: "Name of the copy", value, hint: nameRule, ok: "Copy" }, async (name) => {
      const answer = await api("POST", mindPath(mind.name, "/copy"), { name });
      if (!answer.ok) return answer.message;
      await loadMinds((answer.body && answer.body.name) || name);
      return "";
    });
  }

  byId("duplicate-mind").addEventListener("click", copyMind);
  byId("copy-mind").addEventListener("click", copyMind);

  byId("delete-mind").addEventListener("click", async () => {
    const mind = state.mind;
    if (!mind || !mind.editable) return;
    const sure = await askConfirm(`Delete ${mind.name}?`,
      `Delete the mind "${mind.name}"? Its draft, its tests and all its published versions go too: ` +
      "their URLs stop answering. This cannot be undone.", "Delete");
    if (!sure) return;
    const answer = await api("DELETE", mindPath(mind.name));
    if (!answer.ok) {
      showMessage(`Could not delete ${mind.name}: ${answer.message}.`);
      return;
    }
    state.mind = null;
    state.saved = { source: "", tests: "" };
    history.replaceState(null, "", location.pathname);
    await loadMinds();
    if (!state.mind) closeMind();
  });

  byId("download-mind").addEventListener("click", () => {
    if (!state.mind) return;
    const blob = new Blob([sourceEditor.value], { type: "application/yaml" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${state.mind.name}.yaml`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  });

  // ---------------------------------------------------------------------------------------------
  // Tabs

  const tabNames = ["editor", "tester", "tests", "publish", "review"];

  function selectTab(name) {
    if (!tabNames.includes(name)) return;
    const changed = state.tab !== name;
    state.tab = name;
    for (const tab of tabNames) {
      const control = byId(`tab-${tab}`);
      const selected = tab === name;
      control.setAttribute("aria-selected", String(selected));
      control.tabIndex = selected ? 0 : -1;
      byId(`panel-${tab}`).hidden = !selected;
    }
    if (changed) tabOpened(name);
  }

  // What a tab loads when it is shown.
  function tabOpened(name) {
    if (!state.mind) return;
    if (name === "tester") {
      startConversation();
    } else if (name === "publish") {
      updatePublishState();
      if (!state.versionsLoaded) loadVersions();
    } else if (name === "review") {
      if (!state.reviewLoaded) loadReview();
    } else if (name === "editor" || name === "tests") {
      (name === "editor" ? sourceEditor : testsEditor).render();
    }
  }

  for (const tab of tabNames) {
    const control = byId(`tab-${tab}`);
    control.addEventListener("click", () => selectTab(tab));
    control.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = tabNames[(tabNames.indexOf(tab) + step + tabNames.length) % tabNames.length];
      selectTab(next);
      byId(`tab-${next}`).focus();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Tester

  const chatLog = byId("chat-log");
  const chatInput = byId("chat-input");
  const tester = {
    generation: 0, // bumped by each new conversation: answers of older ones are dropped
    started: false,
    data: null,
    steps: [], // {kind: "say", input, shown: "start"|"user"|"idle", output, trace} or {kind: "edit", facts, states}
    queue: Promise.resolve(),
    pending: 0,
    idleTimer: null,
    facts: [],
    states: {},
    stateNames: null, // {model: [state]} from the last answer
  };

  function resetConversation() {
    tester.generation += 1;
    tester.started = false;
    tester.data = null;
    tester.steps = [];
    tester.facts = [];
    tester.states = {};
    tester.stateNames = null;
    clearIdle();
    chatLog.replaceChildren();
    renderFacts();
  }

  // A new conversation starts as the servers start one: "[start]" for the new user, then "[auto]",
  // which the chat pages send when they open.
  function startConversation() {
    if (tester.started || !state.mind) return;
    tester.started = true;
    send("[start]", "start");
    send("[auto]", "start");
  }

  function clearIdle() {
    clearTimeout(tester.idleTimer);
    tester.idleTimer = null;
    delete chatLog.dataset.idle;
    byId("idle-status").textContent = "";
  }

  // After `seconds` without the person typing, sends "[idle seconds]" as the servers do.
  function startIdle(seconds) {
    clearIdle();
    if (seconds * 1000 > longestTimer) return;
    chatLog.dataset.idle = String(seconds);
    byId("idle-status").textContent = `Idle timer: [idle ${seconds}] in ${seconds} s unless you type.`;
    const generation = tester.generation;
    tester.idleTimer = setTimeout(() => {
      tester.idleTimer = null;
      if (generation === tester.generation) send(`[idle ${seconds}]`, "idle");
    }, seconds * 1000);
  }

  function addTurn(role, text) {
    const item = make("li", `turn ${role}`);
    const bubble = make("div", "bubble");
    bubble.append(make("span", "text", text));
    item.append(bubble);
    chatLog.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  function addSystem(text, kind = "") {
    const item = make("li", `turn system ${kind}`.trim());
    item.append(make("span", "text", text));
    chatLog.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  // A bot turn: its text, its tags as chips, a trace toggle; with `before`, what it said then.
  function addBotTurn(step, before) {
    const { text, tags } = parseOutput(step.output);
    const item = make("li", "turn bot");
    item.dataset.output = step.output;
    const bubble = make("div", "bubble");
    bubble.append(make("span", text === "" ? "text empty" : "text", text === "" ? (tags.length ? "" : "(no output)") : text));
    if (tags.length > 0) {
      const chips = make("span", "chips");
      for (const tag of tags) chips.append(make("span", "chip", tag));
      bubble.append(chips);
    }
    item.append(bubble);
    if (before !== undefined && before !== step.output) {
      item.classList.add("changed");
      const change = make("div", "change");
      change.append(make("span", "before", before === "" ? "(no output)" : before), make("span", "arrow", " → "),
        make("span", "after", step.output === "" ? "(no output)" : step.output));
      item.append(change);
    }
    const toggle = button("Show trace", "trace-toggle link-button");
    toggle.setAttribute("aria-expanded", "false");
    toggle.title = "How the mind read this input and which rule answered";
    let trace = null;
    toggle.addEventListener("click", () => {
      if (!trace) {
        trace = renderTrace(step.trace);
        trace.hidden = true;
        item.append(trace);
      }
      trace.hidden = !trace.hidden;
      toggle.setAttribute("aria-expanded", String(!trace.hidden));
      toggle.textContent = trace.hidden ? "Show trace" : "Hide trace";
      if (!trace.hidden) trace.scrollIntoView({ block: "nearest" });
    });
    item.append(toggle);
    chatLog.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  // Queues one turn; turns run one at a time, in order.
  function send(input, shown) {
    clearIdle();
    const generation = tester.generation;
    tester.pending += 1;
    tester.queue = tester.queue
      .then(() => {
        if (generation !== tester.generation) return null;
        showInput(input, shown);
        return runTurn(input, shown, generation, { idle: true });
      })
      .finally(() => { tester.pending -= 1; });
    return tester.queue;
  }

  // The person's input in the log ("[start]" is not shown; "[idle N]" is a system line).
  function showInput(input, shown) {
    if (shown === "user") addTurn("user", input);
    if (shown === "idle") addSystem(`You stayed quiet: ${input}`, "idle");
  }

  // A /try body with the conversation's data; a new conversation sends none (the server refuses
  // a null `data`).
  function tryBody(fields) {
    return tester.data === null || tester.data === undefined ? fields : { ...fields, data: tester.data };
  }

  // One /try call with the editor's current text. Answers the step, or null.
  async function runTurn(input, shown, generation, { before, idle = false } = {}) {
    if (!state.mind) return null;
    chatLog.setAttribute("aria-busy", "true");
    const answer = await api("POST", mindPath(state.mind.name, "/try"), tryBody({ input, source: sourceEditor.value }));
    chatLog.removeAttribute("aria-busy");
    if (generation !== tester.generation) return null;
    if (!answer.ok || !answer.body) {
      const detail = firstError(answerDiagnostics(answer));
      addSystem(answer.status === 422
        ? `The text does not load${detail ? `: ${detail}.` : "."} Fix it in the editor and send again.`
        : `Error: ${answer.message}.`, "error");
      return null;
    }
    const body = answer.body;
    tester.data = body.data ?? tester.data;
    const step = { kind: "say", input, shown, output: display(body.output), trace: body.trace || null };
    tester.steps.push(step);
    // A start input the mind has no answer for shows nothing (it is still a step of the test).
    if (!(shown === "start" && step.output === "" && before === undefined)) addBotTurn(step, before);
    setFacts(body.facts, body.states, body.stateNames);
    if (idle && tester.pending <= 1 && typeof body.idle === "number" && body.idle >= 0) startIdle(body.idle);
    return step;
  }

  byId("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = chatInput.value.trim();
    if (input === "" || !state.mind) return;
    chatInput.value = "";
    if (!tester.started) startConversation();
    send(input, "user");
  });

  chatInput.addEventListener("input", () => {
    if (tester.idleTimer) clearIdle(); // the person is typing: not idle
  });

  byId("chat-reset").addEventListener("click", () => {
    resetConversation();
    startConversation();
    chatInput.focus();
  });

  // Runs the same inputs again from a new conversation and marks each reply that changed.
  byId("chat-replay").addEventListener("click", () => {
    const old = tester.steps.slice();
    resetConversation();
    if (!old.some((step) => step.kind === "say")) {
      startConversation();
      return;
    }
    tester.started = true;
    const generation = tester.generation;
    addSystem("Replaying the conversation with the current text…", "replay");
    tester.pending += 1;
    tester.queue = tester.queue.then(async () => {
      let changed = 0;
      let turns = 0;
      for (const step of old) {
        if (generation !== tester.generation) return;
        if (step.kind === "edit") {
          await runEdit(step.facts, step.states, generation);
          continue;
        }
        showInput(step.input, step.shown);
        const now = await runTurn(step.input, step.shown, generation, { before: step.output });
        if (!now) return;
        turns += 1;
        if (now.output !== step.output) changed += 1;
      }
      if (generation === tester.generation) {
        addSystem(changed === 0 ? `Replayed ${plural(turns, "turn", "turns")}: no reply changed.`
          : `Replayed ${plural(turns, "turn", "turns")}: ${plural(changed, "reply", "replies")} changed.`, "replay");
      }
    }).finally(() => { tester.pending -= 1; });
  });

  // Facts and states

  function setFacts(facts, states, stateNames) {
    if (Array.isArray(facts)) tester.facts = facts.map(display);
    if (states && typeof states === "object") tester.states = { ...states };
    if (stateNames && typeof stateNames === "object") tester.stateNames = stateNames;
    renderFacts();
  }

  function renderFacts() {
    const list = byId("facts");
    list.replaceChildren();
    if (tester.facts.length === 0) list.append(make("li", "empty", "No facts."));
    tester.facts.forEach((fact, index) => {
      const item = make("li", "fact");
      item.dataset.fact = fact;
      const text = make("span", "fact-text", fact);
      const edit = button("Edit", "edit-fact link-button", () => editFact(item, index));
      edit.setAttribute("aria-label", `Edit ${fact}`);
      const remove = button("×", "remove-fact link-button", () => {
        const facts = tester.facts.filter((_, other) => other !== index);
        applyEdits(facts, tester.states);
      });
      remove.setAttribute("aria-label", `Remove ${fact}`);
      remove.title = "Remove";
      item.append(text, edit, remove);
      list.append(item);
    });
    renderStates();
  }

  // The states each model may be in: from the last answer, else from the outline (a state's
  // entries follow its model's).
  function statesByModel() {
    const result = new Map();
    if (tester.stateNames) {
      for (const [model, names] of Object.entries(tester.stateNames)) result.set(model, Array.isArray(names) ? names.map(display) : []);
      return result;
    }
    let model = null;
    for (const entry of state.outline) {
      if (entry.kind === "model") {
        model = entry.name;
        if (!result.has(model)) result.set(model, []);
      } else if (entry.kind === "state" && model) {
        result.get(model).push(entry.name);
      }
    }
    return result;
  }

  function renderStates() {
    const box = byId("states");
    box.replaceChildren();
    const known = statesByModel();
    const models = [...new Set([...Object.keys(tester.states), ...known.keys()])];
    if (models.length === 0) {
      box.append(make("p", "hint", "No models."));
      return;
    }
    models.forEach((model, index) => {
      const row = make("div", "state-row");
      const field = make("input", "state-input");
      field.type = "text";
      field.id = `state-${index}`;
      field.dataset.model = model;
      field.value = tester.states[model] || "";
      field.placeholder = "no state";
      field.autocomplete = "off";
      const choices = known.get(model) || [];
      if (choices.length > 0) {
        const list = make("datalist");
        list.id = `state-choices-${index}`;
        for (const choice of choices) {
          const option = make("option");
          option.value = choice;
          list.append(option);
        }
        row.append(list);
        field.setAttribute("list", list.id);
      }
      const label = make("label", "state-model", model);
      label.htmlFor = field.id;
      field.addEventListener("change", () => {
        const states = { ...tester.states, [model]: field.value.trim() === "" ? null : field.value.trim() };
        applyEdits(tester.facts, states);
      });
      row.prepend(label, field);
      box.append(row);
    });
  }

  // Edits a fact in place: Enter applies the change, Escape (or leaving the field) keeps the fact.
  function editFact(item, index) {
    const fact = tester.facts[index];
    const field = make("input", "fact-edit");
    field.type = "text";
    field.value = fact;
    field.autocomplete = "off";
    field.spellcheck = false;
    field.setAttribute("aria-label", `Change the fact ${fact}`);
    let done = false;
    const finish = (apply) => {
      if (done) return;
      done = true;
      const value = field.value.trim();
      if (apply && value !== fact) {
        const facts = tester.facts.slice();
        if (value === "") facts.splice(index, 1);
        else facts[index] = value;
        item.replaceChildren(make("span", "fact-text pending", value === "" ? "(removing…)" : value));
        applyEdits(facts, tester.states);
        if (field === document.activeElement || document.activeElement === document.body) byId("fact-input").focus();
      } else {
        renderFacts();
        const again = byId("facts").querySelectorAll(".edit-fact")[index];
        if (again) again.focus();
      }
    };
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        finish(true);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        finish(false);
      }
    });
    field.addEventListener("blur", () => finish(true));
    item.replaceChildren(field);
    field.focus();
    field.select();
  }

  byId("fact-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = byId("fact-input");
    const fact = field.value.trim();
    if (fact === "" || !state.mind) return;
    field.value = "";
    applyEdits([...tester.facts, fact], tester.states);
  });

  // Applies facts and states to the conversation without a turn.
  function applyEdits(facts, states) {
    const generation = tester.generation;
    tester.started = true;
    tester.pending += 1;
    tester.queue = tester.queue
      .then(() => (generation === tester.generation ? runEdit(facts, states, generation) : null))
      .finally(() => { tester.pending -= 1; });
  }

  async function runEdit(facts, states, generation) {
    if (!state.mind) return;
    const answer = await api("POST", mindPath(state.mind.name, "/try"),
      tryBody({ input: null, facts, states, source: sourceEditor.value }));
    if (generation !== tester.generation) return;
    if (!answer.ok || !answer.body) {
      addSystem(`Could not change the facts: ${answer.message}.`, "error");
      renderFacts();
      return;
    }
    const beforeFacts = tester.facts.slice();
    const beforeStates = { ...tester.states };
    tester.data = answer.body.data ?? tester.data;
    tester.steps.push({ kind: "edit", facts: facts.slice(), states: { ...states } });
    setFacts(answer.body.facts ?? facts, answer.body.states ?? states, answer.body.stateNames);
    addSystem(describeEdit(beforeFacts, beforeStates), "edit");
    // A state the mind does not have is dropped by the server: say so.
    const now = answer.body.states && typeof answer.body.states === "object" ? answer.body.states : null;
    for (const [model, wanted] of Object.entries(states || {})) {
      if (now && wanted && now[model] !== wanted) {
        addSystem(`The model ${model} has no state "${wanted}", so it stays in ${now[model] ? `state ${now[model]}` : "no state"}.`, "error");
      }
    }
  }

  // What a fact or state edit changed, in words.
  function describeEdit(beforeFacts, beforeStates) {
    const removed = beforeFacts.filter((fact) => !tester.facts.includes(fact));
    const added = tester.facts.filter((fact) => !beforeFacts.includes(fact));
    const parts = [];
    if (removed.length) parts.push(`removed ${removed.join(", ")}`);
    if (added.length) parts.push(`added ${added.join(", ")}`);
    for (const model of new Set([...Object.keys(beforeStates), ...Object.keys(tester.states)])) {
      const was = beforeStates[model] || null;
      const now = tester.states[model] || null;
      if (was !== now) parts.push(`${model} is now in ${now === null ? "no state" : `state ${now}`}`);
    }
    return parts.length ? `You changed the conversation: ${parts.join("; ")}.` : "Nothing changed.";
  }

  // Save as test

  // The conversation as a test's lines, each list entry indented by `indent`.
  function testLines(name, indent) {
    const lines = [`${indent}- name: ${yamlString(name)}`, `${indent}  steps:`];
    for (const step of tester.steps) {
      if (step.kind !== "say") continue;
      lines.push(`${indent}    - say: ${yamlString(step.input)}`, `${indent}      expect: ${yamlString(step.output)}`);
    }
    return lines;
  }

  // The tests text with a test added at the end of its list, or null when its form is unknown.
  function appendTest(text, name) {
    const lines = text.replace(/\s+$/, "").split("\n");
    if (lines.length === 1 && lines[0].trim() === "") return ["tests:", ...testLines(name, "  ")].join("\n") + "\n";
    const at = lines.findIndex((line) => /^tests:\s*(\[\s*\])?\s*(#.*)?$/.test(line));
    if (at === -1) return null;
    let end = lines.length;
    for (let index = at + 1; index < lines.length; index += 1) {
      if (/^[^\s#]/.test(lines[index])) {
        end = index;
        break;
      }
    }
    let indent = "  ";
    if (/\[\s*\]/.test(lines[at])) {
      lines[at] = "tests:";
    } else {
      const item = lines.slice(at + 1, end).find((line) => /^\s*- /.test(line));
      if (item) indent = /^\s*/.exec(item)[0];
    }
    while (end > at + 1 && lines[end - 1].trim() === "") end -= 1;
    lines.splice(end, 0, ...testLines(name, indent));
    return lines.join("\n") + "\n";
  }

  byId("save-test").addEventListener("click", () => {
    if (!state.mind || !state.mind.editable) return;
    const says = tester.steps.filter((step) => step.kind === "say");
    if (says.length === 0) {
      addSystem("Nothing to save yet: talk with the mind first.", "error");
      return;
    }
    const skipped = tester.steps.length - says.length;
    const count = (testsEditor.value.match(/^\s*- name:/gm) || []).length;
    askName({
      title: "Save the conversation as a test",
      label: "Test name",
      value: `conversation ${count + 1}`,
      hint: skipped > 0 ? "The test keeps the inputs and replies; your fact and state changes are not part of it." : "",
      ok: "Save test",
      check: (name) => (name === "" ? "Give the test a name." : ""),
    }, async (name) => {
      const changed = appendTest(testsEditor.value, name);
      if (changed === null) return "The tests text has no `tests:` list the studio can add to; fix it in the Tests tab.";
      testsEditor.replace(changed);
      const saved = await saveDraft();
      addSystem(saved ? `Saved the test "${name}" in the Tests tab.` : `Added the test "${name}" to the Tests tab; it is not saved yet.`, "saved");
      return "";
    });
  });

  // Traces

  function renderTrace(trace) {
    const box = make("div", "trace");
    if (!trace || typeof trace !== "object") {
      box.append(make("p", "hint", "No trace for this turn."));
      return box;
    }
    const fields = make("dl", "trace-fields");
    const row = (label, value) => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return;
      fields.append(make("dt", "", label));
      const cell = make("dd");
      if (value instanceof Node) cell.append(value);
      else cell.textContent = display(value);
      fields.append(cell);
    };
    const list = (items, render = (item) => document.createTextNode(display(item))) => {
      if (!Array.isArray(items) || items.length === 0) return null;
      const node = make("ul", "trace-list");
      for (const item of items) {
        const entry = make("li");
        entry.append(render(item));
        node.append(entry);
      }
      return node;
    };
    row("Input", `${display(trace.input)}${trace.isControl ? " (a control input)" : ""}`);
    if (Array.isArray(trace.tokens) && trace.tokens.length > 0) {
      const tokens = make("span", "tokens");
      for (const token of trace.tokens) tokens.append(make("span", "token", display(token)));
      row("Tokens", tokens);
    }
    row("Substitution", trace.substitution);
    row("Restatements", list(trace.restatements, (item) => {
      const line = make("span");
      if (item && typeof item === "object") {
        line.append(ruleLink(display(item.rule)));
        if (item.form !== null && item.form !== undefined) line.append(document.createTextNode(` → ${display(item.form)}`));
        if (Array.isArray(item.inferred) && item.inferred.length) line.append(document.createTextNode(`, inferred ${item.inferred.map(display).join(", ")}`));
      } else {
        line.textContent = display(item);
      }
      return line;
    }));
    row("Forms", list(trace.forms));
    if (Array.isArray(trace.candidates) && trace.candidates.length > 0) {
      const table = make("table", "candidates");
      const head = make("tr");
      // With one form (the input as it came) the form column says nothing: it is left out.
      const manyForms = Array.isArray(trace.forms) && trace.forms.length > 1;
      for (const title of manyForms ? ["Rule", "Form", "Outcome"] : ["Rule", "Outcome"]) head.append(make("th", "", title));
      table.append(head);
      for (const candidate of trace.candidates) {
        const tr = make("tr", candidate.outcome === "won" ? "won" : "");
        const ruleCell = make("td");
        ruleCell.append(ruleLink(display(candidate.rule)));
        // The form a candidate was matched against: its text when the trace lists the forms.
        const form = Array.isArray(trace.forms) && Number.isInteger(candidate.form) && trace.forms[candidate.form] !== undefined
          ? display(trace.forms[candidate.form]) : display(candidate.form);
        tr.append(ruleCell);
        if (manyForms) tr.append(make("td", "form", form));
        tr.append(make("td", "", display(candidate.outcome)));
        table.append(tr);
      }
      row("Candidates", table);
    }
    row("Winner", trace.winner ? ruleLink(display(trace.winner)) : "none");
    row("Effects", list(trace.effects));
    row("Generated", list(trace.generated));
    row("Notes", list(trace.notes));
    row("Output", trace.output);
    row("Idle", trace.idle);
    box.append(fields);
    return box;
  }

  // ---------------------------------------------------------------------------------------------
  // Tests

  byId("run-tests").addEventListener("click", runTests);

  async function runTests() {
    if (!state.mind) return;
    const results = byId("test-results");
    const runButton = byId("run-tests");
    runButton.disabled = true;
    results.replaceChildren(make("p", "hint", "Running the tests…"));
    const answer = await api("POST", mindPath(state.mind.name, "/tests/run"),
      { source: sourceEditor.value, tests: testsEditor.value });
    runButton.disabled = false;
    results.replaceChildren();
    if (!answer.ok || !answer.body) {
      const detail = firstError(answerDiagnostics(answer));
      results.append(make("p", "error", answer.status === 422
        ? `The mind's text does not load${detail ? `: ${detail}.` : "."} Fix it in the editor and run the tests again.`
        : `Could not run the tests: ${answer.message}.`));
      return;
    }
    renderTestResults(answer.body);
  }

  function renderTestResults(body) {
    const results = byId("test-results");
    const passed = Number(body.passed) || 0;
    const failed = Number(body.failed) || 0;
    const summary = make("p", `summary ${failed > 0 ? "failing" : "passing"}`, `${passed} passed, ${failed} failed`);
    summary.id = "test-summary";
    results.append(summary);
    const diagnostics = Array.isArray(body.diagnostics) ? body.diagnostics : [];
    testsEditor.setMarks(diagnostics);
    if (diagnostics.length > 0) {
      results.append(make("h3", "", "Problems in the tests"));
      const list = make("ol", "diagnostics test-diagnostics");
      renderDiagnostics(list, diagnostics, testsEditor);
      results.append(list);
    }
    const all = Array.isArray(body.results) ? body.results : [];
    for (const test of all) results.append(renderTest(test));
    if (body.coverage && Array.isArray(body.coverage.rules)) {
      for (const rule of body.coverage.rules) if (rule.line) ruleLines.set(rule.id, rule.line);
    }
    renderCoverage(byId("coverage"), body.coverage ? body.coverage.rules : [], body.coverage ? body.coverage.never : [],
      "No rule coverage in the answer.");
  }

  // The line (1-based) of a step of the tests text from its path ("tests[0].steps[2]"), found by
  // the list items' indentation; null when the text is not laid out that way.
  function testStepLine(text, path) {
    const match = /^tests\[(\d+)\]\.steps\[(\d+)\]/.exec(path || "");
    if (!match) return null;
    const [testIndex, stepIndex] = [Number(match[1]), Number(match[2])];
    const lines = text.split("\n");
    const itemsAfter = (from, to, indent) => {
      const found = [];
      let itemIndent = indent;
      for (let index = from; index < to; index += 1) {
        const item = /^(\s*)- /.exec(lines[index]);
        if (!item) continue;
        if (itemIndent === null) itemIndent = item[1].length;
        if (item[1].length === itemIndent) found.push(index);
        else if (item[1].length < itemIndent) break;
      }
      return found;
    };
    const top = lines.findIndex((line) => /^tests:\s*$/.test(line));
    if (top === -1) return null;
    const tests = itemsAfter(top + 1, lines.length, null);
    if (testIndex >= tests.length) return null;
    const end = testIndex + 1 < tests.length ? tests[testIndex + 1] : lines.length;
    const stepsAt = lines.slice(tests[testIndex], end).findIndex((line) => /^\s*(- )?steps:\s*$/.test(line));
    if (stepsAt === -1) return null;
    const steps = itemsAfter(tests[testIndex] + stepsAt + 1, end, null);
    return stepIndex < steps.length ? steps[stepIndex] + 1 : null;
  }

  function renderTest(test) {
    const box = make("section", `test-result ${test.passed ? "passed" : "failed"}`);
    box.dataset.test = display(test.name);
    box.append(make("h3", "", `${test.passed ? "✓" : "✗"} ${display(test.name)}`));
    for (const failure of Array.isArray(test.failures) ? test.failures : []) {
      const item = make("div", "failure");
      const fields = make("dl", "failure-fields");
      const add = (label, value) => {
        fields.append(make("dt", "", label), make("dd", "", display(value)));
      };
      const stepNumber = Number.isInteger(failure.step) ? failure.step + 1 : failure.step; // the server counts from 0
      const stepLine = testStepLine(testsEditor.value, display(failure.path));
      if (stepLine) {
        const jump = button(`${stepNumber} (line ${stepLine})`, "rule-link step-link", () => {
          selectTab("tests");
          testsEditor.goTo(stepLine, 1);
        });
        jump.title = `Go to line ${stepLine} of the tests`;
        fields.append(make("dt", "", "Step"));
        const cell = make("dd");
        cell.append(jump);
        fields.append(cell);
      } else {
        add("Step", stepNumber);
      }
      if (failure.input !== undefined && failure.input !== null) add("Input", failure.input);
      add("Expected", failure.expected);
      add("Actual", failure.actual);
      item.append(fields);
      if (failure.trace) {
        const toggle = button("Show trace", "trace-toggle link-button");
        toggle.setAttribute("aria-expanded", "false");
        const trace = renderTrace(failure.trace);
        trace.hidden = true;
        toggle.addEventListener("click", () => {
          trace.hidden = !trace.hidden;
          toggle.setAttribute("aria-expanded", String(!trace.hidden));
          toggle.textContent = trace.hidden ? "Show trace" : "Hide trace";
        });
        item.append(toggle, trace);
      }
      box.append(item);
    }
    return box;
  }

  // Rules with their wins, the ones that never won first and marked.
  function renderCoverage(box, rules, never, emptyText, outline = null) {
    box.replaceChildren();
    const neverSet = new Set(Array.isArray(never) ? never : []);
    const rows = Array.isArray(rules) ? rules.slice() : [];
    for (const id of neverSet) if (!rows.some((rule) => rule.id === id)) rows.push({ id, wins: 0 });
    if (rows.length === 0) {
      box.append(make("p", "hint", emptyText));
      return;
    }
    if (neverSet.size > 0) box.append(make("p", "never-summary", `${plural(neverSet.size, "rule", "rules")} never won: ${[...neverSet].join(", ")}`));
    const list = make("ul", "rule-wins");
    rows.sort((a, b) => Number(neverSet.has(b.id)) - Number(neverSet.has(a.id)));
    for (const rule of rows) {
      const item = make("li", neverSet.has(rule.id) ? "rule-row never" : "rule-row");
      item.dataset.rule = rule.id;
      item.append(ruleLink(rule.id, "", outline));
      const detail = ruleDetail(rule.id, outline || state.outline);
      if (detail) item.append(make("span", "rule-detail", detail));
      item.append(make("span", "wins", neverSet.has(rule.id) ? "never won" : plural(Number(rule.wins) || 0, "win", "wins")));
      list.append(item);
    }
    box.append(list);
  }

  // ---------------------------------------------------------------------------------------------
  // Publish

  let publishing = false;

  function updatePublishState() {
    const publishButton = byId("publish");
    const reason = byId("publish-reason");
    let why = "";
    if (!state.mind) why = "Choose a mind first.";
    else if (!state.mind.editable) why = "This mind is read-only: copy it into the studio to publish it.";
    else if (errorCount() > 0) why = `The text has ${plural(errorCount(), "error", "errors")}: fix them in the editor first.`;
    else if (state.conflict) why = "Resolve the conflict in the editor first.";
    else if (publishing) why = "Publishing…";
    publishButton.disabled = why !== "";
    reason.textContent = why !== "" ? why : isDirty() ? "Your unsaved changes are saved first." : "Publishes the saved draft as a new version.";
  }

  byId("publish").addEventListener("click", () => publish({}));

  async function publish(body) {
    const mind = state.mind;
    if (!mind || !mind.editable || publishing) return;
    if (body.from === undefined) {
      if (!(await saveDraft())) return;
      if (state.mind !== mind) return;
      // Publishing the text of the latest version again only makes a copy of it: ask first.
      const latest = mind.latestVersion;
      if (latest) {
        let same = false;
        try {
          same = (await versionText(String(latest))) === state.saved.source;
        } catch {
          same = false;
        }
        if (same && !(await askConfirm(`Publish v${latest} again?`,
          `The saved draft is the same as version ${latest}. Publish it again as a new version anyway?`, "Publish", false))) return;
      }
    }
    publishing = true;
    updatePublishState();
    const answer = await api("POST", mindPath(mind.name, "/publish"), body);
    publishing = false;
    updatePublishState();
    if (state.mind !== mind) return;
    if (!answer.ok || !answer.body) {
      const detail = firstError(answerDiagnostics(answer));
      showMessage(`Could not publish ${mind.name}: ${answer.message}${detail ? ` (${detail})` : ""}.`);
      return;
    }
    showPublished(answer.body.url, answer.body.version, body.from);
    mind.latestVersion = answer.body.version;
    const listed = state.minds.find((entry) => entry.name === mind.name);
    if (listed) listed.latestVersion = answer.body.version;
    renderMinds();
    await loadVersions();
  }

  // The latest version's URL and a curl line to try it; `from`: the version a rollback copied.
  function showPublished(url, version, from, justNow = true) {
    const base = (state.info && state.info.baseURL) || location.origin;
    byId("published-title").textContent = !justNow ? `The latest version is v${version}.`
      : from !== undefined ? `Rolled back: v${version} is a copy of v${from} and is now the latest version.`
        : `Published v${version}: it is now the latest version.`;
    byId("version-url").textContent = url;
    byId("curl-line").textContent = `curl -s ${base}/reply -d input=hello -d url=${url}`;
    byId("published").hidden = false;
  }

  byId("copy-url").addEventListener("click", (event) => copyText(byId("version-url").textContent, event.currentTarget));
  byId("copy-curl").addEventListener("click", (event) => copyText(byId("curl-line").textContent, event.currentTarget));

  async function loadVersions() {
    const mind = state.mind;
    if (!mind) return;
    const answer = await api("GET", mindPath(mind.name, "/versions"));
    if (state.mind !== mind) return;
    const body = byId("versions").tBodies[0];
    body.replaceChildren();
    if (!answer.ok || !answer.body) {
      body.append(emptyRow(7, `Could not load the versions: ${answer.message}.`));
      return;
    }
    state.versionsLoaded = true;
    const versions = Array.isArray(answer.body.versions) ? answer.body.versions : [];
    byId("compare-versions").disabled = versions.length < 2;
    byId("compare-status").textContent = versions.length < 2 ? "Publish twice to compare two versions." : "";
    if (versions.length === 0) {
      body.append(emptyRow(7, "Not published yet: Publish makes the saved draft version 1, with a URL the reply API answers at."));
      byId("published").hidden = true;
      return;
    }
    // The latest version's URL stays in view (a fresh publish has just put its own there).
    const newest = versions[0];
    if (newest && newest.url && byId("version-url").textContent !== newest.url) {
      showPublished(newest.url, newest.version, undefined, false);
    }
    versions.forEach((version, index) => {
      const latest = index === 0 && !version.superseded;
      const row = make("tr", latest ? "latest" : "");
      row.dataset.version = String(version.version);
      row.append(choiceCell("diff-old", version.version, index === 1 || (versions.length === 1 && index === 0)),
        choiceCell("diff-new", version.version, index === 0));
      const number = make("td", "version-number");
      const link = make("a", "", `v${version.version}`);
      if (version.url) link.href = version.url;
      number.append(link);
      const hash = make("td");
      hash.append(make("code", "hash", String(version.hash || "").slice(0, 12)));
      if (version.hash) hash.title = version.hash;
      let status = latest ? "latest" : "superseded";
      if (!latest && version.retires) status = `superseded, answers until ${formatDate(version.retires)}`;
      const actions = make("td");
      const sameAsLatest = !latest && version.hash && versions[0] && version.hash === versions[0].hash;
      if (sameAsLatest) status += ` (the same text as v${versions[0].version})`;
      if (!latest && mind.editable && !sameAsLatest) {
        actions.append(button("Roll back to this", "button rollback", () => rollBack(version.version)));
      }
      row.append(number, hash, make("td", "", formatDate(version.published)), make("td", "version-status", status), actions);
      body.append(row);
    });
  }

  function emptyRow(columns, text) {
    const row = make("tr", "empty");
    const cell = make("td", "", text);
    cell.colSpan = columns;
    row.append(cell);
    return row;
  }

  function choiceCell(group, version, checked) {
    const cell = make("td");
    const radio = make("input");
    radio.type = "radio";
    radio.name = group;
    radio.value = String(version);
    radio.checked = checked;
    radio.setAttribute("aria-label", `${group === "diff-old" ? "Compare from" : "Compare to"} version ${version}`);
    radio.addEventListener("change", compareVersions);
    cell.append(radio);
    return cell;
  }

  async function versionText(number) {
    const mind = state.mind;
    if (state.versionTexts.has(number)) return state.versionTexts.get(number);
    const answer = await api("GET", mindPath(mind.name, `/versions/${encodeURIComponent(number)}`));
    if (!answer.ok || !answer.body) throw new Error(`version ${number}: ${answer.message}`);
    const text = String(answer.body.source || "");
    if (state.mind === mind) state.versionTexts.set(number, text);
    return text;
  }

  byId("compare-versions").addEventListener("click", compareVersions);

  async function compareVersions() {
    const from = document.querySelector("input[name=diff-old]:checked");
    const to = document.querySelector("input[name=diff-new]:checked");
    const status = byId("compare-status");
    const area = byId("version-diff");
    if (!from || !to) {
      status.textContent = "Choose two versions: one in Old, one in New.";
      return;
    }
    const mind = state.mind;
    status.textContent = `Comparing v${from.value} with v${to.value}…`;
    try {
      const [before, after] = await Promise.all([versionText(from.value), versionText(to.value)]);
      if (state.mind !== mind) return;
      area.replaceChildren(renderDiff(diffLines(before, after)));
      status.textContent = `v${from.value} → v${to.value}: - lines only in v${from.value}, + lines only in v${to.value}.`;
    } catch (error) {
      status.textContent = `Could not compare: ${error.message}.`;
    }
  }

  // How long a superseded version keeps answering, from the server's info.
  function keepText() {
    const seconds = state.info && Number(state.info.keepVersionsSeconds);
    if (!seconds || seconds <= 0) return "for a while";
    if (seconds % 86400 === 0) return `for ${plural(seconds / 86400, "day", "days")}`;
    if (seconds % 3600 === 0) return `for ${plural(seconds / 3600, "hour", "hours")}`;
    return `for ${plural(Math.round(seconds / 60), "minute", "minutes")}`;
  }

  async function rollBack(version) {
    const mind = state.mind;
    if (!mind) return;
    const sure = await askConfirm(`Roll back to v${version}?`,
      `Publish version ${version}'s text again as a new version of "${mind.name}"? ` +
      `The latest version is superseded and its URL keeps answering ${keepText()}. Your draft does not change.`, "Roll back", false);
    if (sure) await publish({ from: Number(version) });
  }

  // ---------------------------------------------------------------------------------------------
  // Review

  function dateValue(date) {
    const pad = (number) => String(number).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  // The start of a local day ("2026-12-07"), plus `days`, as ISO 8601.
  function dayStart(value, days = 0) {
    const [year, month, day] = value.split("-").map(Number);
    return new Date(year, month - 1, day + days).toISOString();
  }

  (() => {
    const today = new Date();
    byId("review-until").value = dateValue(today);
    byId("review-since").value = dateValue(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 7));
  })();

  byId("review-refresh").addEventListener("click", loadReview);

  async function loadReview() {
    const mind = state.mind;
    if (!mind) return;
    const since = byId("review-since").value;
    const until = byId("review-until").value;
    const summary = byId("review-summary");
    if (!since || !until) {
      summary.textContent = "Choose both dates.";
      return;
    }
    if (since > until) {
      summary.textContent = "The first date is after the second.";
      return;
    }
    summary.textContent = "Loading…";
    const refresh = byId("review-refresh");
    refresh.disabled = true;
    const query = new URLSearchParams({ since: dayStart(since), until: dayStart(until, 1) });
    const answer = await api("GET", mindPath(mind.name, `/review?${query}`));
    // The review names the rules of the latest version (the draft before the first publish):
    // its outline tells their patterns, and where they are in the draft.
    const latest = mind.editable ? mind.latestVersion : null;
    let outline = null;
    if (answer.ok && latest) {
      try {
        const checked = await api("POST", "/studio/api/check", { source: await versionText(String(latest)) });
        if (checked.ok && checked.body && Array.isArray(checked.body.outline)) outline = checked.body.outline;
      } catch {
        outline = null;
      }
    }
    refresh.disabled = false;
    if (state.mind !== mind) return;
    if (!answer.ok || !answer.body) {
      summary.textContent = `Could not load the review: ${answer.message}.`;
      return;
    }
    state.reviewLoaded = true;
    review.body = answer.body;
    review.outline = outline;
    review.version = latest;
    renderReview(since, until);
  }

  // The unmatched inputs, most frequent first (or most recently seen first).
  function sortedUnmatched() {
    const list = Array.isArray(review.body && review.body.unmatched) ? review.body.unmatched.slice() : [];
    const time = (entry) => Date.parse(entry.last) || 0;
    const count = (entry) => Number(entry.count) || 0;
    list.sort(review.sort === "count"
      ? (a, b) => count(b) - count(a) || time(b) - time(a)
      : (a, b) => time(b) - time(a) || count(b) - count(a));
    return list;
  }

  function renderReview(since, until) {
    const body = review.body;
    if (!body) return;
    const exchanges = Number(body.exchanges) || 0;
    const about = review.version ? ` Rules are those of v${review.version}, the latest version.`
      : state.mind && state.mind.editable ? " Not published yet: rules are those of the saved draft." : "";
    byId("review-summary").textContent =
      `${plural(exchanges, "exchange", "exchanges")} with the reply API from ${since} to ${until}${body.truncated ? " (only the newest were read)" : ""}.${about}`;
    for (const header of document.querySelectorAll("#unmatched th[data-sort]")) {
      header.setAttribute("aria-sort", header.dataset.sort === review.sort ? "descending" : "none");
    }
    const rows = byId("unmatched").tBodies[0];
    rows.replaceChildren();
    const unmatched = sortedUnmatched();
    if (unmatched.length === 0) {
      rows.append(emptyRow(5, exchanges === 0
        ? "Nobody talked with this mind in this period (through the reply API or the chat page)."
        : "No unmatched inputs in this period: a rule other than a catch-all answered every input."));
    }
    const catchAll = draftCatchAll();
    for (const entry of unmatched) {
      const row = make("tr", "unmatched-row");
      row.dataset.text = display(entry.text);
      row.dataset.count = String(Number(entry.count) || 0);
      const textCell = make("td", "unmatched-text");
      textCell.append(make("span", "text", display(entry.text)));
      if (entry.example && entry.example !== entry.text) textCell.append(make("span", "example", `e.g. ${display(entry.example)}`));
      const rule = make("td");
      if (entry.rule) {
        rule.append(document.createTextNode("catch-all "), ruleLink(display(entry.rule), "", review.outline));
      } else {
        rule.textContent = "no rule";
      }
      const actions = make("td", "actions");
      const said = display(entry.example || entry.text);
      const tryIt = button("Try it", "button try-it", () => tryInTester(said));
      tryIt.setAttribute("aria-label", `Try "${said}" in the tester`);
      actions.append(tryIt);
      if (state.mind && state.mind.editable) {
        const add = button("Add a rule", "button add-rule", () => addRuleFor(display(entry.text)));
        add.setAttribute("aria-label", `Add a rule for "${display(entry.text)}" in the editor`);
        add.title = catchAll ? `Adds a rule before the catch-all ${catchAll.name} in the editor` : "Adds a rule in the editor";
        actions.append(add);
      }
      row.append(textCell, make("td", "count", display(entry.count)), make("td", "", formatDate(entry.last)), rule, actions);
      rows.append(row);
    }
    renderCoverage(byId("review-rules"), body.rules, body.never, "No rule answered in this period.", review.outline);
  }

  for (const header of document.querySelectorAll("#unmatched th[data-sort]")) {
    const control = header.querySelector("button");
    if (!control) continue;
    control.addEventListener("click", () => {
      review.sort = header.dataset.sort;
      renderReview(byId("review-since").value, byId("review-until").value);
    });
  }

  // Opens the tester and sends a text in the current conversation.
  function tryInTester(text) {
    selectTab("tester");
    startConversation();
    send(text, "user");
    chatInput.focus();
  }

  // The draft's last catch-all rule (pattern "*"), from the outline.
  function draftCatchAll() {
    const rules = state.outline.filter((item) => item.kind === "rule" && display(item.detail).trim() === "*" && item.line);
    return rules.length ? rules[rules.length - 1] : null;
  }

  // Writes a rule for an unmatched input into the draft, before the catch-all (or the first rule),
  // and selects its answer for the person to write.
  function addRuleFor(text) {
    if (!state.mind || !state.mind.editable) return;
    const anchor = draftCatchAll() || state.outline.find((item) => item.kind === "rule" && item.line);
    const source = sourceEditor.value;
    const lines = source.split("\n");
    const at = anchor ? anchor.line - 1 : -1;
    const item = at >= 0 && at < lines.length ? /^(\s*)- /.exec(lines[at]) : null;
    if (!item) {
      showMessage("The studio could not find where to add a rule: add it in the editor yourself.");
      selectTab("editor");
      return;
    }
    // The input as a pattern: its words, without the characters patterns give a meaning to.
    const pattern = text.replace(/[*+_#~@{}()\[\]|^"\\]/g, " ").replace(/\s+/g, " ").trim() || "*";
    const indent = item[1];
    const answer = "Write the answer here.";
    const rule = [
      `${indent}- kind: respond`,
      `${indent}  input: ${yamlString(pattern)}`,
      `${indent}  say: ${yamlString(answer)}`,
      "",
    ].join("\n");
    const offset = lines.slice(0, at).reduce((sum, line) => sum + line.length + 1, 0);
    selectTab("editor");
    const ta = byId("source");
    ta.focus();
    ta.setSelectionRange(offset, offset);
    sourceEditor.insert(rule);
    const start = offset + rule.indexOf(answer);
    ta.setSelectionRange(start, start + answer.length);
    sourceEditor.goTo(at + 3, indent.length + 8, true);
    ta.setSelectionRange(start, start + answer.length);
  }

  // ---------------------------------------------------------------------------------------------
  // Start

  const noticeStorage = "parley-studio-notice-dismissed";

  function noticeDismissed() {
    try {
      return sessionStorage.getItem(noticeStorage) === "1";
    } catch {
      return false;
    }
  }

  byId("notice-close").addEventListener("click", () => {
    byId("notice").hidden = true;
    try {
      sessionStorage.setItem(noticeStorage, "1");
    } catch {
      // Storage disabled: the notice comes back with the next page.
    }
  });

  async function start() {
    document.body.classList.add("no-mind");
    updateSaveStatus();
    renderFacts();
    const answer = await api("GET", "/studio/api/info");
    if (answer.ok && answer.body) {
      state.info = answer.body;
      byId("notice").hidden = answer.body.loopbackOnly !== true || noticeDismissed();
    }
    await loadMinds();
    if (!state.mind) mindOpened();
  }

  start();
})();
