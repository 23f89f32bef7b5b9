// The local chat page: sends what you type to /local/messages and shows the bot's replies.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const composer = document.getElementById("composer");
  const input = document.getElementById("message");
  const userInput = document.getElementById("user");
  const where = document.getElementById("where");
  let lastSeq = 0;

  function place() {
    const direct = where.value === "@direct";
    return { user: userInput.value.trim() || "alex", channel: direct ? "general" : where.value, direct };
  }

  function addEntry(html, cls, meta) {
    const li = document.createElement("li");
    li.className = cls;
    const m = document.createElement("div");
    m.className = "meta";
    m.textContent = meta;
    li.appendChild(m);
    const body = document.createElement("div");
    body.innerHTML = html; // server-rendered and escaped by adapters/local/render.py
    li.appendChild(body);
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
    return li;
  }

  function showReplies(replies) {
    for (const r of replies) {
      const priv = r.visibility === "private";
      addEntry(r.html, priv ? "bot private" : "bot", priv ? "coprod · only visible to you" : "coprod");
    }
  }

  async function post(url, body) {
    try {
      const res = await fetch(url, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      const data = await res.json();
      if (!res.ok) {
        addEntry("<p></p>", "bot private", "coprod · only visible to you").querySelector("p")
          .textContent = data.error || "That did not work. Please try again.";
        return;
      }
      showReplies(data.replies || []);
    } catch (err) {
      addEntry("<p>The bot is not answering. Is <code>make run</code> still running?</p>",
               "bot private", "coprod · only visible to you");
    }
  }

  composer.addEventListener("submit", function (ev) {
    ev.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    const li = addEntry("<p></p>", "you", place().user + (place().direct ? " · direct chat" : " · #" + place().channel));
    li.querySelector("p").textContent = text;
    input.value = "";
    post("/local/messages", Object.assign(place(), { text }));
    input.focus();
  });

  log.addEventListener("click", function (ev) {
    const btn = ev.target.closest("button[data-action]");
    if (!btn) return;
    let value = {};
    try { value = JSON.parse(btn.dataset.value || "{}"); } catch (e) { value = {}; }
    post("/local/actions", Object.assign(place(), { action_id: btn.dataset.action, value }));
  });

  log.addEventListener("submit", function (ev) {
    const form = ev.target.closest("form.card-form");
    if (!form) return;
    ev.preventDefault();
    let value = {};
    try { value = JSON.parse(form.dataset.value || "{}"); } catch (e) { value = {}; }
    for (const [k, v] of new FormData(form).entries()) value[k] = String(v);
    post("/local/actions", Object.assign(place(), { action_id: form.dataset.action, value }));
    for (const el of form.querySelectorAll("input, textarea, button, select")) el.disabled = true;
  });

  async function poll() {
    const p = place();
    const q = new URLSearchParams({ user: p.user, channel: p.channel, direct: p.direct, after: lastSeq });
    try {
      const res = await fetch("/local/messages?" + q.toString());
      if (res.ok) {
        const data = await res.json();
        for (const r of data.replies || []) lastSeq = Math.max(lastSeq, r.seq);
        showReplies(data.replies || []);
      }
    } catch (e) { /* server restarting; try again later */ }
  }
  setInterval(poll, 3000);
  input.focus();
})();
