// The local chat page: one shared conversation per channel, streamed live from /local/stream;
// what you type goes to /local/messages, buttons and forms to /local/actions.
(function () {
  "use strict";
  // Every sentence the page may show comes from prompts/ (local_chat.yaml), as escaped HTML.
  const words = JSON.parse(document.getElementById("words").textContent);
  const log = document.getElementById("log");
  const status = document.getElementById("status");
  const composer = document.getElementById("composer");
  const input = document.getElementById("message");
  const userInput = document.getElementById("user");
  const where = document.getElementById("where");
  const NAME = "coprod.name";
  const STARTED = "coprod.started";

  let applied = null; // where the page is: { user, channel, direct }
  let generation = 0; // goes up with each switch, so late answers for the old place are dropped
  let source = null;
  let boots = []; // the server's boot ids seen since the last switch (a restart adds one)
  let pendingFocus = null;

  function remember(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function recall(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function openedAt() {
    const asked = new URLSearchParams(location.search).get("channel");
    if (asked) {
      const name = asked.replace(/^#/, "");
      if (![...where.options].some((o) => o.value === name)) {
        where.insertBefore(new Option("#" + name, name), where.querySelector('option[value="@direct"]'));
      }
      where.value = name;
    }
    const name = recall(NAME);
    if (name) userInput.value = name;
  }

  function place() {
    const direct = where.value === "@direct";
    // Tidied as the server tidies names, so your own messages are known as yours.
    const user = userInput.value.normalize("NFC").split(/\s+/).filter(Boolean).join(" ");
    return { user, channel: direct ? "general" : where.value, direct };
  }

  // ---- the conversation ----------------------------------------------------------------------

  function order(li) { return Number(li.dataset.order); }

  function entryItem(cls, orderKey) {
    const li = document.createElement("li");
    li.className = cls;
    li.dataset.order = String(orderKey);
    let next = null;
    for (let el = log.lastElementChild; el; el = el.previousElementSibling) {
      if (order(el) <= orderKey) break;
      next = el;
    }
    log.insertBefore(li, next);
    return li;
  }

  function meta(li, who, whoIsHtml, priv) {
    const m = document.createElement("div");
    m.className = "meta";
    const name = document.createElement("span");
    if (whoIsHtml) name.innerHTML = who; else name.textContent = who;
    m.appendChild(name);
    if (priv) {
      const only = document.createElement("span");
      only.innerHTML = " · " + words.only_you;
      m.appendChild(only);
    }
    li.appendChild(m);
  }

  function body(li, html) {
    const b = document.createElement("div");
    b.className = "body";
    b.innerHTML = html; // server-rendered and escaped by adapters/local/render.py
    li.appendChild(b);
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
  }

  function reveal(li) {
    // Never leave the entry under the sticky message box: all of it above the box when it
    // fits there, else from its start.
    const r = li.getBoundingClientRect();
    const room = composer.getBoundingClientRect().top;
    const gap = Math.max(0, Math.min(8, (room - r.height) / 2));
    if (r.height > room) window.scrollBy(0, r.top - 8);
    else if (r.bottom > room - gap) window.scrollBy(0, r.bottom - (room - gap));
    else if (r.top < 0) window.scrollBy(0, r.top - gap);
  }

  function focusEntry(li) {
    li.tabIndex = -1;
    reveal(li);
    li.focus({ preventScroll: true });
  }

  function bootIndex(boot) {
    let i = boots.indexOf(boot);
    if (i === -1) {
      // Before everything of the new boot: a restart began the numbering again.
      if (boots.length) note(words.restarted, true, "restarted", boots.length * 1e9 - 0.5);
      boots.push(boot);
      i = boots.length - 1;
    }
    return i;
  }

  function show(entry, boot) {
    const seq = entry.seq;
    if (log.querySelector('li[data-seq="' + seq + '"][data-boot="' + boot + '"]')) return;
    const follow = nearBottom();
    const priv = entry.visibility === "private";
    const person = entry.kind === "person";
    const mine = person && entry.author === applied.user;
    const cls = (person ? "person" : "bot") + (mine ? " you" : "") + (priv ? " private" : "");
    const li = entryItem(cls, bootIndex(boot) * 1e9 + seq);
    li.dataset.seq = String(seq);
    li.dataset.boot = boot;
    meta(li, person ? entry.author : words.bot, !person, priv);
    body(li, entry.html);
    if (pendingFocus === seq) { pendingFocus = null; focusEntry(li); }
    else if (follow || mine) reveal(li);
  }

  function note(html, isHtml, cls, orderKey) {
    // After everything shown so far, so what arrives later comes after it.
    const last = log.lastElementChild ? order(log.lastElementChild) : 0;
    const li = entryItem("bot private note " + (cls || ""), orderKey === undefined ? last + 0.5 : orderKey);
    meta(li, words.bot, true, true);
    const p = document.createElement("p");
    if (isHtml) p.innerHTML = html; else p.textContent = html;
    const b = document.createElement("div");
    b.className = "body";
    b.appendChild(p);
    li.appendChild(b);
    reveal(li);
    return li;
  }

  function welcome() {
    const li = entryItem("bot welcome", -1);
    meta(li, words.bot, true, false);
    body(li, words.welcome);
  }

  // A language the person chose in the chat (`language cymraeg`), as the server says it: the
  // page opens in it, in the same place. Without a choice the page keeps ?lang= or the browser's.
  function follow(language) {
    if (!language || language === document.body.dataset.locale) return;
    const q = new URLSearchParams(location.search);
    q.set("lang", language);
    q.set("channel", where.value);
    location.search = q.toString();
  }

  // ---- the stream ----------------------------------------------------------------------------

  function connect() {
    if (source) source.close();
    const q = new URLSearchParams({ user: applied.user, channel: applied.channel, direct: applied.direct });
    const mine = new EventSource("/local/stream?" + q.toString());
    source = mine;
    mine.addEventListener("entry", function (ev) {
      if (source !== mine) return;
      show(JSON.parse(ev.data), ev.lastEventId.split(":")[0]);
    });
    mine.addEventListener("ready", function (ev) {
      if (source !== mine) return;
      const said = JSON.parse(ev.data);
      bootIndex(said.boot);
      status.textContent = "";
      log.setAttribute("aria-busy", "false");
      log.dataset.ready = "true";
      follow(said.language);
    });
    mine.addEventListener("refused", function (ev) {
      mine.close();
      log.setAttribute("aria-busy", "false");
      note(JSON.parse(ev.data).error, false);
    });
    mine.addEventListener("error", function () {
      if (source === mine && mine.readyState !== EventSource.CLOSED) status.innerHTML = words.reconnecting;
    });
  }

  function apply() {
    const p = place();
    if (applied && p.user === applied.user && p.channel === applied.channel && p.direct === applied.direct) return;
    applied = p;
    generation += 1;
    boots = [];
    pendingFocus = null;
    if (p.user) remember(NAME, p.user);
    log.replaceChildren();
    log.dataset.ready = "false";
    log.setAttribute("aria-busy", "true");
    if (!recall(STARTED)) welcome();
    connect();
  }

  // ---- sending -------------------------------------------------------------------------------

  async function post(url, payload) {
    const gen = generation;
    let res;
    try {
      res = await fetch(url, {
        method: "POST", headers: { "Content-Type": "application/json" },
        // The page's language goes with each request, as Teams sends a person's locale.
        body: JSON.stringify(Object.assign({ locale: document.documentElement.lang }, payload)),
      });
    } catch (err) {
      if (gen === generation) note(words.offline, true);
      return null;
    }
    const data = await res.json().catch(function () { return {}; });
    if (gen !== generation) return null;
    if (!res.ok) {
      if (data.error) note(data.error, false); else note(words.failed, true);
      return null;
    }
    follow(data.language);
    return data;
  }

  function focusReply(data) {
    const first = data && data.seqs && data.seqs[0];
    if (!first) return;
    const boot = boots[boots.length - 1];
    const li = log.querySelector('li[data-seq="' + first + '"][data-boot="' + boot + '"]');
    if (li) focusEntry(li); else pendingFocus = first;
  }

  composer.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    apply();
    const text = input.value;
    if (!text.trim()) return;
    remember(STARTED, "1");
    input.value = "";
    const data = await post("/local/messages", Object.assign({}, applied, { text }));
    if (!data && !input.value) input.value = text; // nothing typed is lost
  });

  function valueOf(el) {
    try { return JSON.parse(el.dataset.value || "{}"); } catch (e) { return {}; }
  }

  log.addEventListener("click", async function (ev) {
    const btn = ev.target.closest("button[data-action]");
    if (!btn) return;
    const payload = Object.assign({}, applied, { action_id: btn.dataset.action, value: valueOf(btn) });
    focusReply(await post("/local/actions", payload));
  });

  log.addEventListener("submit", async function (ev) {
    const form = ev.target.closest("form.card-form");
    if (!form) return;
    ev.preventDefault();
    const value = valueOf(form);
    for (const [k, v] of new FormData(form).entries()) value[k] = String(v);
    const payload = Object.assign({}, applied, { action_id: form.dataset.action, value });
    for (const el of form.querySelectorAll("input, textarea, button, select")) el.disabled = true;
    const data = await post("/local/actions", payload);
    const done = data && data.replies && data.replies[0] && data.replies[0].replace_card;
    // A sent form stays closed; one the bot sent back (an answer missing, say) opens again.
    if (!done) for (const el of form.querySelectorAll("input, textarea, button, select")) el.disabled = false;
    focusReply(data); // the thank-you, or what to change, so a keyboard user lands on it
  });

  userInput.addEventListener("change", apply);
  where.addEventListener("change", apply);
  document.getElementById("who").addEventListener("submit", function (ev) {
    ev.preventDefault();
    apply();
    input.focus();
  });
  new ResizeObserver(function () {
    document.documentElement.style.setProperty("--composer", composer.offsetHeight + "px");
  }).observe(composer);

  openedAt();
  apply();
  input.focus();
})();
