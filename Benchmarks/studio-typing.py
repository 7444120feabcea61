#!/usr/bin/env python3
"""Keystroke to validation shown, in the studio, in headless Chromium.

Usage: Benchmarks/studio-typing.py PARLEY MIND_FILE... [--keystrokes 60]

Starts `PARLEY serve --reply-only` (a release build, e.g. .build-release/release/parley) on a free
port with a fresh store, makes each mind file a studio mind, opens it in the studio, and then
types: each keystroke puts a "(" into a rule's input, or turns that "(" into an "x" (so the
findings change each time, and no text comes twice: the server caches what it checked), as an
input event in the page. It times each keystroke from the event to the moment the
page shows the findings of the new text (an error after a "(", none after an "x") and has painted,
the page's own pause before it checks included, and prints p50, p95 and the worst for each mind. The keystrokes are spaced out
so that each is checked on its own.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        text = answer.read().decode()
        return json.loads(text) if text else None


def start_server(parley, folder):
    port = free_port()
    process = subprocess.Popen(
        [parley, "serve", "--reply-only", "--port", str(port), "--store", os.path.join(folder, "bench.sqlite"),
         "--minds-dir", os.path.join(folder, "none")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=folder)
    for line in process.stdout:
        if line.strip() == "ready":
            return process, port
    raise SystemExit("the server did not start")


def main():
    args = sys.argv[1:]
    keystrokes = 60
    if "--keystrokes" in args:
        at = args.index("--keystrokes")
        keystrokes = int(args[at + 1])
        del args[at:at + 2]
    if len(args) < 2:
        raise SystemExit(__doc__)
    parley, minds = args[0], args[1:]
    folder = tempfile.mkdtemp(prefix="studio-typing-")
    server, port = start_server(os.path.abspath(parley), folder)
    base = f"http://127.0.0.1:{port}"
    driver_port = free_port()
    driver = subprocess.Popen(["chromedriver", f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    webdriver = f"http://127.0.0.1:{driver_port}"
    try:
        for _ in range(100):
            try:
                call("GET", webdriver + "/status")
                break
            except OSError:
                time.sleep(0.05)
        session = call("POST", webdriver + "/session", {"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]},
            "timeouts": {"script": 120000}}}})["value"]["sessionId"]
        wd = f"{webdriver}/session/{session}"
        print(f"machine: {os.cpu_count()} cores; server {parley}; Chromium headless 1280x900; {keystrokes} keystrokes a mind")
        for path in minds:
            with open(path, encoding="utf-8") as file:
                source = file.read()
            name = os.path.splitext(os.path.basename(path))[0]
            call("POST", base + "/studio/api/minds", {"name": name, "source": source})
            rules = source.count('"kind"') + source.count("kind:")
            # A page load of its own (from another page: a change of the fragment alone would not reload).
            call("POST", wd + "/url", {"url": "about:blank"})
            call("POST", wd + "/url", {"url": f"{base}/studio#mind={name}"})
            # Loaded: the editor holds the text and the first check has been shown.
            call("POST", wd + "/execute/async", {"script": """
                const [length, done] = arguments;
                const poll = () => {
                  const editor = document.getElementById('source');
                  if (editor && editor.value.length === length && document.querySelector('#outline li')) done(true);
                  else setTimeout(poll, 50);
                };
                poll();""", "args": [len(source)]})
            times = []
            for index in range(keystrokes):
                elapsed = call("POST", wd + "/execute/async", {"script": """
                    const [insert, done] = arguments;
                    const editor = document.getElementById('source');
                    const list = document.getElementById('diagnostics');
                    // The first rule's input: its opening quote after "input".
                    const at = editor.value.indexOf('"input"');
                    const quote = editor.value.indexOf('"', editor.value.indexOf(':', at)) + 1;
                    let start = 0;
                    // Shown when the list says what this keystroke made: an error after a "(", none after.
                    const observer = new MutationObserver(() => {
                      if ((list.querySelector('.diagnostic.error') !== null) !== insert) return;
                      observer.disconnect();
                      // Measured once the page has painted what it rendered.
                      requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
                    });
                    observer.observe(list, {childList: true});
                    start = performance.now();
                    if (insert) editor.setRangeText('(', quote, quote, 'end');
                    else editor.setRangeText('x', quote, quote + 1, 'end');
                    editor.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
                    """, "args": [index % 2 == 0]})["value"]
                times.append(elapsed)
                time.sleep(0.05)
            times.sort()
            p50 = times[len(times) // 2]
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(f"{name}: {rules} rules, {len(source) / 1024:.0f} KiB: keystroke to findings shown "
                  f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, worst {times[-1]:.0f} ms")
        call("DELETE", wd)
    finally:
        driver.terminate()
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
