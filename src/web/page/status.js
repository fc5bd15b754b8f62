// The status page: polls /api/status every second and redraws; the chat form posts to /api/chat.
// Text from clients is always inserted as text, never as HTML.
"use strict";

let chatSeq = 0;
let failures = 0;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

// Chat lines arrive as the HTML relayed to clients; show only their text.
function htmlToText(html) {
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

function duration(s) {
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return (h ? h + "h " : "") + (h || m ? m + "m " : "") + sec + "s";
}

// Network quality is the loss over the last few polls, not since joining: a client whose first
// second was rough but who plays cleanly now shows green. The total stays in brackets.
const history = new Map();  // client id -> [{received, lost}] of the last polls
const kWindow = 5;

function quality(c) {
  const samples = history.get(c.id) || [];
  samples.push({ received: c.packetsReceived, lost: c.packetsLost });
  while (samples.length > kWindow + 1) samples.shift();
  history.set(c.id, samples);
  // Until there are two polls, the figures since joining are all there is.
  const first = samples.length > 1 ? samples[0] : { received: 0, lost: 0 };
  const last = samples[samples.length - 1];
  const lost = last.lost - first.lost, total = lost + last.received - first.received;
  if (total <= 0) return { text: "– (" + c.packetsLost + ")", cls: "muted" };
  const lossPct = (100 * lost) / total;
  const cls = lossPct < 0.5 ? "q-ok" : lossPct < 3 ? "q-warn" : "q-bad";
  return { text: lossPct.toFixed(1) + " % (" + c.packetsLost + ")", cls };
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function drawClients(clients) {
  const body = document.querySelector("#clients tbody");
  body.replaceChildren();
  for (const c of clients) {
    const row = document.createElement("tr");
    row.dataset.id = c.id;
    row.append(el("td", String(c.id)));
    row.append(el("td", c.name || "(no name yet)", "client-name"));
    row.append(el("td", [c.city, c.country].filter(Boolean).join(", ") || c.ip));
    const meterCell = el("td"), meter = el("div", undefined, "meter"), bar = el("div");
    bar.style.width = (c.level * 100 / 9) + "%";
    meter.append(bar); meterCell.append(meter); row.append(meterCell);
    row.append(el("td", String(c.jitterBuffer)));
    const q = quality(c);
    row.append(el("td", q.text, q.cls));
    row.append(el("td", String(c.packetsLate)));
    row.append(el("td", duration(c.connectedSeconds)));
    const kickCell = el("td"), kick = el("button", "Kick");
    kick.addEventListener("click", async () => {
      const reason = prompt("Kick " + (c.name || "#" + c.id) + " – reason shown to them:", "");
      if (reason === null) return;
      try { await api("/api/clients/" + c.id + "/kick", { reason }); } catch (e) { alert(e.message); }
    });
    kickCell.append(kick); row.append(kickCell);
    body.append(row);
  }
  document.getElementById("no-clients").hidden = clients.length > 0;
  for (const id of history.keys()) {
    if (!clients.some((c) => c.id === id)) history.delete(id);
  }
}

function drawChat(lines) {
  const list = document.getElementById("chat");
  for (const line of lines) {
    const item = el("li");
    item.append(el("span", new Date(line.time * 1000).toLocaleTimeString(), "time"));
    item.append(el("span", line.id < 0 ? "Server" : (line.name || "#" + line.id), "who"));
    item.append(el("span", htmlToText(line.html)));
    list.append(item);
    chatSeq = Math.max(chatSeq, line.seq);
  }
  while (list.children.length > 100) list.firstChild.remove();
  if (lines.length) list.scrollTop = list.scrollHeight;
}

function badge(id, text, cls) {
  const b = document.getElementById(id);
  b.textContent = text;
  b.className = "badge" + (cls ? " " + cls : "");
}

function drawServer(s) {
  document.getElementById("server-name").textContent = s.server.name || "Tutti";
  document.title = (s.server.name || "Tutti") + " – status";
  badge("clients-count", s.clients.length + " / " + s.server.maxClients + " clients");
  const reg = s.server.directory ? s.server.registration.replace(/_/g, " ") : "not listed";
  badge("registration", reg, s.server.registration === "registered" ? "ok" : "");
  const rec = s.recording;
  badge("recording", !rec.initialised ? "no recorder" : rec.recording ? "● recording" : rec.enabled ? "recorder on" : "recorder off",
        rec.recording ? "bad" : "");
  const facts = document.getElementById("server-facts");
  facts.replaceChildren();
  const st = s.statistics;
  const rows = [
    ["Directory", s.server.directory || "none"],
    ["Late ticks", st.lateTicks + " of " + st.ticks],
    ["Datagrams in / out", st.datagramsReceived + " / " + st.datagramsSent],
    ["Dropped / concealed", st.datagramsDropped + " / " + st.concealedFrames],
    ["Kicks / bans added", s.admin.kicks + " / " + s.admin.bansAdded],
  ];
  for (const [k, v] of rows) { facts.append(el("dt", k)); facts.append(el("dd", String(v))); }
}

async function refresh() {
  try {
    const s = await api("/api/status?chatSince=" + chatSeq);
    drawServer(s); drawClients(s.clients); drawChat(s.chat);
    failures = 0;
    badge("connection", "live", "ok");
  } catch (e) {
    failures += 1;
    badge("connection", "server unreachable", "bad");
  }
  setTimeout(refresh, failures ? Math.min(5000, 1000 * failures) : 1000);
}

document.getElementById("chat-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("chat-text");
  if (!input.value.trim()) return;
  try { await api("/api/chat", { text: input.value }); input.value = ""; } catch (e) { alert(e.message); }
});

refresh();
