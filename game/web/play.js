// The game's pages: join, team, teacher (with one-screen mode and the projector chart) and
// debrief. Plain DOM (text only, never HTML from data), polling the JSON API every 1.5 s.
"use strict";

const POLL_MS = 1500;
const params = new URLSearchParams(location.search);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick" || k === "oninput") node[k] = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}
function svgEl(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}
// A QR code the server drew (GET /api/join, qr_svg.cpp), parsed as SVG (never as HTML): nothing
// but the server's own <svg> of one <path> lands in the page.
function qrEl(svgText, label) {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = doc.documentElement;
  if (root.namespaceURI !== "http://www.w3.org/2000/svg" || root.localName !== "svg") return el("span", {});
  const node = document.importNode(root, true);
  node.setAttribute("role", "img");
  node.setAttribute("aria-label", label);
  return node;
}
// One team's join link: its QR code with the code in big letters under it.
function joinTile(t) {
  return el("div", { class: "join" }, qrEl(t.qr, `QR code of ${t.url}`), el("p", { class: "code" }, t.code));
}
function fmt(x, digits) { return x === null || x === undefined ? "–" : Number(x).toFixed(digits); }
function setStatus(text, cls) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.className = cls || "";
}
function mount(...nodes) {
  const app = document.getElementById("app");
  app.replaceChildren(...nodes);
}
async function api(path, body) {
  const init = body === undefined ? {} :
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}
function figure(value, label) { return el("div", { class: "figure" }, el("b", {}, value), el("span", {}, label)); }
function clockText(s) {
  if (s.finished) return "Game over";
  const timer = s.seconds_left >= 0 ?
    ` · ${Math.floor(s.seconds_left / 60)}:${String(Math.floor(s.seconds_left % 60)).padStart(2, "0")} left` : "";
  return `Round ${s.round} of ${s.rounds} (${s.first_year}–${s.last_year})${s.paused ? " · paused" : ""}${timer}`;
}

// A line chart of series [{name, color, points: [[x, y], ...]}].
function lineChart(series, yLabel, width = 560, height = 220) {
  const pad = { l: 44, r: 110, t: 24, b: 26 };
  const xs = series.flatMap(s => s.points.map(p => p[0]));
  const ys = series.flatMap(s => s.points.map(p => p[1])).filter(y => y !== null);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  const y0 = Math.min(0, ...ys), y1 = Math.max(...ys, y0 + 1e-9) * 1.1;
  const X = x => pad.l + (x - x0) / (x1 - x0) * (width - pad.l - pad.r);
  const Y = y => height - pad.b - (y - y0) / (y1 - y0) * (height - pad.t - pad.b);
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  svg.append(svgEl("line", { x1: pad.l, y1: Y(y0), x2: width - pad.r, y2: Y(y0), stroke: "#999" }));
  for (let k = 0; k <= 4; ++k) {
    const y = y0 + (y1 - y0) * k / 4;
    svg.append(svgEl("text", { x: pad.l - 4, y: Y(y) + 4, "text-anchor": "end" }, fmt(y, 1)));
  }
  for (let x = x0; x <= x1; x += Math.max(1, Math.ceil((x1 - x0) / 8))) {
    svg.append(svgEl("text", { x: X(x), y: height - 8, "text-anchor": "middle" }, x));
  }
  svg.append(svgEl("text", { x: 4, y: 12 }, yLabel));
  series.forEach((s, i) => {
    const shown = s.points.filter(p => p[1] !== null);
    const pts = shown.map(p => `${X(p[0])},${Y(p[1])}`).join(" ");
    svg.append(svgEl("polyline", { points: pts, fill: "none", stroke: s.color, "stroke-width": 2,
                                   "stroke-dasharray": s.dashed ? "5,4" : "none" }));
    for (const p of shown) svg.append(svgEl("circle", { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: s.color }));
    svg.append(svgEl("text", { x: width - pad.r + 6, y: pad.t + 14 * (i + 1), fill: s.color }, s.name));
  });
  return svg;
}

// GDP (log scale) against core share; teams' states highlighted.
function scatterChart(points, width = 560, height = 260) {
  const pad = { l: 44, r: 44, t: 24, b: 30 };
  const lx = points.map(p => Math.log10(p.gdp));
  const x0 = Math.min(...lx), x1 = Math.max(...lx, x0 + 0.1);
  const y1 = Math.max(...points.map(p => p.core_pct), 2.5) * 1.1;
  const X = g => pad.l + (Math.log10(g) - x0) / (x1 - x0) * (width - pad.l - pad.r);
  const Y = y => height - pad.b - y / y1 * (height - pad.t - pad.b);
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  svg.append(svgEl("line", { x1: pad.l, y1: Y(2), x2: width - pad.r, y2: Y(2), stroke: "#c33", "stroke-dasharray": "4,3" }));
  svg.append(svgEl("text", { x: width - pad.r - 2, y: Y(2) - 3, "text-anchor": "end" }, "2 %"));
  svg.append(svgEl("text", { x: 4, y: 12 }, "core % of GDP"));
  svg.append(svgEl("text", { x: width / 2, y: height - 6, "text-anchor": "middle" }, "GDP (log scale)"));
  svg.append(svgEl("line", { x1: pad.l, y1: Y(0), x2: width - pad.r, y2: Y(0), stroke: "#999" }));
  for (let k = 0; k <= 4; ++k) {
    svg.append(svgEl("text", { x: pad.l - 4, y: Y(y1 * k / 4) + 4, "text-anchor": "end" }, fmt(y1 * k / 4, 1)));
  }
  for (const p of points) {
    svg.append(svgEl("circle", { cx: X(p.gdp), cy: Y(p.core_pct), r: p.team ? 6 : 3.5,
                                 fill: p.team ? "#d9480f" : "#4c6ef5", opacity: 0.8 },
                     svgEl("title", {}, `${p.iso3}: ${fmt(p.core_pct, 2)} %`)));
    if (p.team) svg.append(svgEl("text", { x: X(p.gdp) + 8, y: Y(p.core_pct) + 4 }, p.iso3));
  }
  return svg;
}

// ---- join ----
function joinPage() {
  const code = el("input", { type: "text", id: "code", autocomplete: "off", maxlength: "16" });
  const go = () => { location.href = "/team?code=" + encodeURIComponent(code.value.trim().toUpperCase()); };
  mount(el("section", {}, el("h2", {}, "Join your team"),
    el("label", { for: "code" }, "Join code"), code, el("button", { id: "join", onclick: go }, "Join")));
  setStatus("");
}

// ---- team ----
let teamRound = null;
function teamForm(s) {
  const st = s.state;
  const start = s.choice || s.advice || { core_pct: st.core_pct, aid_pct: st.aid_pct, readiness_pct: st.readiness_pct };
  const field = (id, label, value, max, step) => {
    const number = el("input", { type: "number", id, min: 0, max, step, value: fmt(value, 2) });
    const range = el("input", { type: "range", min: 0, max, step, value: fmt(value, 2), "aria-label": label });
    number.oninput = () => { range.value = number.value; update(); };
    range.oninput = () => { number.value = range.value; update(); };
    return { number, node: el("div", {}, el("label", { for: id }, label), number, range) };
  };
  const core = field("core", "Core defence spending (% of GDP)", start.core_pct, s.max_core_pct, 0.05);
  const aid = field("aid", "Military aid to Ukraine (% of GDP)", start.aid_pct, s.max_aid_pct, 0.01);
  const ready = field("readiness", "Readiness to answer an ally's call (%)", start.readiness_pct, 100, 1);
  const cost = el("div", { class: "cost", id: "cost" });
  const message = el("p", { id: "message" });
  function update() {
    const c = Number(core.number.value), a = Number(aid.number.value);
    const spend = c / 100 * st.gdp, extra = spend - st.spending;
    cost.textContent = `Cost per year: defence ${fmt(spend, 1)} bn USD (${extra >= 0 ? "+" : ""}${fmt(extra, 1)} bn against now), ` +
      `aid to Ukraine ${fmt(a / 100 * st.gdp, 1)} bn USD. Together ${fmt((c + a), 2)} % of GDP.`;
  }
  update();
  const submit = el("button", { id: "submit", onclick: async () => {
    try {
      await api("/api/choice", { code: params.get("code"), round: s.round, core_pct: Number(core.number.value),
                                 aid_pct: Number(aid.number.value), readiness_pct: Number(ready.number.value) });
      message.textContent = "Submitted. You can change it until the teacher advances.";
      message.className = "ok";
    } catch (e) { message.textContent = e.message; message.className = "error"; }
  } }, "Submit for this round");
  return el("section", { id: "decision" }, el("h2", {}, `Your decisions for ${s.first_year}–${s.last_year}`),
    el("p", {}, s.advice ? `Your ministry advises ${fmt(s.advice.core_pct, 2)} % for defence, ` +
      `${fmt(s.advice.aid_pct, 2)} % for Ukraine, readiness ${fmt(s.advice.readiness_pct, 0)} %.` : ""),
    core.node, aid.node, ready.node, cost, submit, message);
}
function teamSituation(s) {
  const st = s.state, w = s.world;
  return [
    el("section", {}, el("h2", {}, `${s.country} in ${s.year}`), el("div", { class: "grid" },
      figure(`${fmt(st.gdp, 0)} bn`, "GDP (USD, 2024 prices)"),
      figure(`${fmt(st.core_pct, 2)} %`, `core defence (${fmt(st.spending, 1)} bn)`),
      figure(`${fmt(s.allies_core_pct, 2)} %`, `European allies (${fmt(s.allies_core_pct_before, 2)} % a round ago)`),
      figure(`${fmt(st.aid_pct, 2)} %`, "aid to Ukraine, of GDP"),
      figure(`${fmt(st.readiness_pct, 0)} %`, "readiness to answer an ally"),
      figure(fmt(st.deterrence, 2), "deterrence ratio (1 holds a probe)"),
      figure(`${fmt(st.debt_pct, 0)} %`, "public debt, of GDP"),
      figure(fmt(w.threat, 2), "Russian threat (2024 = 1)"),
      figure(`${fmt(w.us_presence_pct, 0)} %`, `US presence in Europe (the US is ${w.us_policy})`),
      figure(w.war, "war in Ukraine"))),
    el("section", { class: "brief" }, el("h2", {}, "Intelligence brief"), el("ul", {}, ...s.brief.map(b => el("li", {}, b)))),
    el("section", {}, el("h2", {}, "Your spending and your allies'"),
      lineChart([{ name: s.iso3, color: "#d9480f", points: s.history.map(h => [h.year, h.core_pct]) },
                 { name: "allies", color: "#4c6ef5", points: s.history.map(h => [h.year, h.allies_core_pct]) }],
                "core % of GDP"),
      el("table", {}, el("tr", {}, el("th", {}, "Team state"), el("th", { class: "num" }, "core %")),
        ...s.teams.map(t => el("tr", {}, el("td", {}, t.country), el("td", { class: "num" }, fmt(t.core_pct, 2)))))),
  ];
}
async function teamPage() {
  try {
    const s = await api("/api/team?code=" + encodeURIComponent(params.get("code") || ""));
    setStatus(`${s.country} · ${clockText(s)}${s.submitted ? " · submitted" : ""}`, "");
    const key = `${s.rounds_played}/${s.finished}/${s.paused}`;
    if (key !== teamRound) {
      teamRound = key;
      const parts = teamSituation(s);
      if (s.finished) parts.push(el("section", {}, el("h2", {}, "The game is over"),
        el("a", { href: "/debrief?code=" + encodeURIComponent(params.get("code")) }, "Open the debrief")));
      else if (s.paused) parts.push(el("section", {}, el("p", { class: "wait" }, "The teacher has paused the game.")));
      else parts.push(teamForm(s));
      mount(...parts);
    }
  } catch (e) { setStatus(e.message, "error"); }
  setTimeout(teamPage, POLL_MS);
}

// ---- teacher ----
let teacherRound = null;
function teacherRows(s) {
  const key = params.get("key");
  return s.teams.map(t => {
    const inputs = ["core_pct", "aid_pct", "readiness_pct"].map(f =>
      el("input", { type: "number", step: "any", min: 0, "aria-label": `${t.country} ${f}`, class: f }));
    const enter = el("button", { class: "secondary", onclick: async () => {
      try {
        await api("/api/choice", { key, team: t.team, round: s.round, core_pct: Number(inputs[0].value),
                                   aid_pct: Number(inputs[1].value), readiness_pct: Number(inputs[2].value) });
        setStatus(`entered ${t.country}'s choice`, "ok");
      } catch (e) { setStatus(e.message, "error"); }
    } }, "Enter");
    return el("tr", { "data-team": t.team }, el("td", {}, t.team), el("td", {}, t.country), el("td", {}, t.code),
      el("td", { class: "submitted" }, t.submitted ? "✔ submitted" : "waiting"),
      el("td", { class: "num" }, fmt(t.core_pct, 2)),
      ...inputs.map(i => el("td", {}, i)), el("td", {}, enter));
  });
}
// The teacher's events for the round to play: a probe of a chosen state, a ceasefire, a US policy
// from the round on.
function eventsSection(s, post) {
  const select = el("select", { id: "probe-target", "aria-label": "state to probe" },
    el("option", { value: "" }, "(no probe)"),
    ...s.states.map(st => el("option", { value: st.iso3 }, st.name)));
  select.value = s.events.probe;
  const ceasefire = el("input", { type: "checkbox", id: "ceasefire" });
  ceasefire.checked = s.events.ceasefire;
  const us = el("select", { id: "us-policy", "aria-label": "US policy from this round on" },
    ...["", "committed", "transactional", "disengaging"].map(p => el("option", { value: p }, p || "(unchanged)")));
  us.value = s.events.us_policy;
  const pending = [s.events.probe ? `Russia probes ${s.events.probe}` : "", s.events.ceasefire ? "a ceasefire" : "",
                   s.events.us_policy ? `the US turns ${s.events.us_policy}` : ""]
    .filter(x => x).join(" and ");
  return el("section", { id: "events" }, el("h2", {}, `Inject an event into round ${s.round} (its first year)`),
    el("label", { for: "probe-target" }, "Russia probes"), select,
    el("label", { for: "ceasefire" }, ceasefire, " Ceasefire in Ukraine"),
    el("label", { for: "us-policy" }, "US policy from this round on"), us,
    el("button", { id: "set-events", class: "secondary",
                   onclick: () => post("/api/event", { round: s.round, probe: select.value, ceasefire: ceasefire.checked,
                                                       us_policy: us.value })() },
       "Set the round's events"),
    el("p", { id: "pending-events" }, pending ? `Set for this round: ${pending}.` : "No event set for this round."));
}

async function teacherPage() {
  const key = params.get("key") || "";
  try {
    const s = await api("/api/teacher?key=" + encodeURIComponent(key));
    setStatus(clockText(s), "");
    const post = (path, body) => async () => {
      try { await api(path, Object.assign({ key }, body)); teacherRound = null; teacherPage.now(); }
      catch (e) { setStatus(e.message, "error"); }
    };
    const k = `${s.rounds_played}/${s.paused}/${s.finished}/${s.events.probe}/${s.events.ceasefire}/${s.events.us_policy}`;
    if (k !== teacherRound) {
      teacherRound = k;
      const minutes = el("input", { type: "number", id: "minutes", min: 0, max: 60, value: 5 });
      mount(
        el("section", {}, el("h2", {}, `Scenario ${s.scenario} · ${clockText(s)}`),
          el("p", { class: "timer", id: "timer" }, ""),
          s.finished ? el("span", {}) : el("button", { id: "advance", onclick: post("/api/advance", { round: s.round }) }, `Play round ${s.round}`),
          el("button", { id: "pause", class: "secondary", onclick: post("/api/pause", { paused: !s.paused }) }, s.paused ? "Resume" : "Pause"),
          el("label", { for: "minutes" }, "Timer (minutes)"), minutes,
          el("button", { class: "secondary", onclick: () => post("/api/timer", { seconds: Math.round(Number(minutes.value) * 60) })() }, "Start timer"),
          el("a", { href: "/debrief?key=" + encodeURIComponent(key) }, "Debrief"), " · ",
          el("a", { href: "/cards?key=" + encodeURIComponent(key), id: "cards-link" }, "Team cards to print"), " · ",
          el("button", { id: "join-toggle", class: "secondary", onclick: toggleJoin }, joinShown ? "Hide join codes" : "Show join codes")),
        joinShown && joinData ? joinPanel(joinData) : el("span", {}),
        s.finished ? el("span", {}) : eventsSection(s, post),
        el("section", {}, el("h2", {}, "Teams (one-screen mode: type a team's choices and Enter)"),
          el("table", { id: "teams" }, el("tr", {}, ...["#", "State", "Join code", "This round", "core % now",
            "core %", "aid %", "readiness %", ""].map(h => el("th", {}, h))), ...(s.finished ? [] : teacherRows(s)))),
        el("section", { id: "projector" }, el("h2", {}, "The alliance"),
          lineChart([{ name: "Europe core %", color: "#1f3a5f", points: s.europe.map(e => [e.year, e.europe_core_pct]) }],
                    "European allies' core % of GDP"),
          lineChart([{ name: "US presence %", color: "#2b8a3e", points: s.europe.map(e => [e.year, e.us_presence_pct]) }],
                    "US presence (2024 = 100)"),
          el("ul", {}, ...s.crises.map(c => el("li", {}, `${c.year}: Russia probed ${c.target}; ${c.outcome}`)))));
    }
    for (const t of s.teams) {
      const row = document.querySelector(`tr[data-team="${t.team}"] td.submitted`);
      if (row) row.textContent = t.submitted ? "✔ submitted" : "waiting";
    }
    const timer = document.getElementById("timer");
    if (timer) timer.textContent = s.seconds_left >= 0 ? clockText(s).split(" · ").pop() : "";
  } catch (e) { setStatus(e.message, "error"); }
  teacherPage.timeout = setTimeout(teacherPage, POLL_MS);
}
teacherPage.now = () => { clearTimeout(teacherPage.timeout); teacherPage(); };

// The join panel, for the projector: every team's QR code and join code at once, fetched once.
let joinShown = false;
let joinData = null;
async function toggleJoin() {
  try {
    if (!joinData) joinData = await api("/api/join?key=" + encodeURIComponent(params.get("key") || ""));
    joinShown = !joinShown;
    teacherRound = null;
    teacherPage.now();
  } catch (e) { setStatus(e.message, "error"); }
}
function joinPanel(j) {
  return el("section", { id: "join-panel" },
    el("h2", {}, "Join: point your phone's camera at your team's code, or open ", el("b", {}, j.join), " and type it"),
    el("div", { class: "joins" }, ...j.teams.map(t => el("div", { class: "join-team", "data-team": t.team },
      el("h3", {}, `Team ${t.team}: ${t.country}`), joinTile(t)))));
}

// ---- printable team cards: one per team, with its state, join code and the decisions ----
async function cardsPage() {
  try {
    const key = encodeURIComponent(params.get("key") || "");
    const s = await api("/api/teacher?key=" + key);
    // The links as the server printed them (the address students reach), not this page's origin.
    const j = await api("/api/join?key=" + key);
    setStatus(`Team cards · ${s.scenario} · ${s.rounds} rounds`, "");
    mount(...s.teams.map((t, i) => el("section", { class: "card", "data-team": t.team }, joinTile(j.teams[i]),
      el("h2", {}, `Team ${t.team}: ${t.country}`),
      el("p", {}, "Point your phone's camera at the code, or open ", el("b", {}, j.join), " and type your join code ",
        el("b", {}, t.code), "."),
      el("p", {}, `The link: ${j.teams[i].url}`),
      el("p", {}, `You run ${t.country} for ${s.rounds} rounds, starting in ${s.year}. Each round you decide, ` +
        "for each of its years:"),
      el("ul", {}, el("li", {}, "core defence spending, 0–10 % of GDP (today " + fmt(t.core_pct, 2) + " %)"),
        el("li", {}, "military aid to Ukraine, 0–2 % of GDP"),
        el("li", {}, "readiness to answer an ally's call, 0–100 %")),
      el("p", {}, "The model plays every other state. Your page shows what each choice costs before you submit."))));
  } catch (e) { setStatus(e.message, "error"); }
}

// ---- debrief ----
function debrief(d) {
  setStatus(`Debrief · ${d.scenario} · seed ${d.seed} · played through ${d.played_through}`, "");
  let round = d.rounds_played;
  const scatter = el("div", { id: "scatter" });
  const drawScatter = () => scatter.replaceChildren(scatterChart(d.scatter.filter(p => p.round === round)),
    el("p", {}, round === 0 ? `Before the game (${d.start_year})` : `After round ${round}`));
  const slider = el("input", { type: "range", min: 0, max: d.rounds_played, value: round, "aria-label": "round",
    oninput: e => { round = Number(e.target.value); drawScatter(); } });
  drawScatter();
  const rows = [];
  for (const t of d.teams) {
    for (const r of t.rounds) {
      rows.push(el("tr", {}, el("td", {}, t.country), el("td", {}, `${r.round} (${r.first_year}–${r.last_year})`),
        el("td", { class: "num" }, r.choice ? fmt(r.choice.core_pct, 2) : "agent"),
        el("td", { class: "num" }, fmt(r.agent_plan_core_pct, 2)),
        el("td", { class: "num" }, fmt(r.agent_game_core_pct, 2)),
        el("td", { class: "num" }, r.choice ? fmt(r.choice.aid_pct, 2) : "agent"),
        el("td", { class: "num" }, r.choice ? fmt(r.choice.readiness_pct, 0) : "agent")));
    }
  }
  const crisisList = list => list.length ? el("ul", {}, ...list.map(c => el("li", {}, `${c.year}: ${c.target}, ${c.outcome}`)))
                                         : el("p", {}, "No probe of an ally.");
  mount(
    el("section", {}, el("h2", {}, "Each team against the model's agent for its state"),
      el("table", { id: "rounds" }, el("tr", {}, ...["State", "Round", "chosen core %", "agent's plan, same world",
        "agent's game", "aid %", "readiness %"].map(h => el("th", {}, h))), ...rows)),
    el("section", {}, el("h2", {}, "Outcomes at the end"),
      el("table", { id: "outcomes" }, el("tr", {}, ...["State", "burden ratio", "agent's", "capability", "agent's",
        "deterrence", "agent's"].map(h => el("th", {}, h))),
        ...d.teams.map(t => el("tr", {}, el("td", {}, t.country), el("td", { class: "num" }, fmt(t.burden_ratio, 2)),
          el("td", { class: "num" }, fmt(t.agent_burden_ratio, 2)), el("td", { class: "num" }, fmt(t.capability, 0)),
          el("td", { class: "num" }, fmt(t.agent_capability, 0)), el("td", { class: "num" }, fmt(t.deterrence, 2)),
          el("td", { class: "num" }, fmt(t.agent_deterrence, 2))))),
      el("p", {}, "Burden ratio: the state's core share over the other European allies' (GDP-weighted), " +
        "averaged over the played years; below 1 the allies carried more than their share.")),
    el("section", {}, el("h2", {}, "European allies' spending: the game against the agents"),
      lineChart([{ name: "played", color: "#d9480f", points: d.europe.map(e => [e.year, e.played]) },
                 { name: "agents", color: "#1f3a5f", dashed: true, points: d.europe.map(e => [e.year, e.agents]) }],
                "core % of GDP")),
    el("section", {}, el("h2", {}, "Burden-sharing scatter, round by round"), slider, scatter),
    el("section", {}, el("h2", {}, "Crises"),
      el("h3", {}, "Events the teacher injected"),
      d.events.length ? el("ul", {}, ...d.events.map(e => el("li", {}, `round ${e.round} (${e.year}): ` +
        [e.probe ? `Russia probed ${e.probe}` : "", e.ceasefire ? "ceasefire" : "",
         e.us_policy ? `the US turned ${e.us_policy}` : ""].filter(x => x).join(", "))))
                      : el("p", {}, "None."),
      el("h3", {}, "In the game"), crisisList(d.crises.played),
      el("h3", {}, "With the agents"), crisisList(d.crises.agents)),
    el("section", {}, el("h2", {}, "Questions"), el("ol", {}, ...d.questions.map(q => el("li", {}, q)))));
}
async function debriefPage() {
  const inline = document.getElementById("debrief-data");
  if (inline) { debrief(JSON.parse(inline.textContent)); return; }
  const who = params.get("key") ? "key=" + encodeURIComponent(params.get("key"))
                                : "code=" + encodeURIComponent(params.get("code") || "");
  try { debrief(await api("/api/debrief?" + who)); } catch (e) { setStatus(e.message, "error"); }
}

if (document.getElementById("debrief-data") || location.pathname === "/debrief") debriefPage();
else if (location.pathname === "/team") teamPage();
else if (location.pathname === "/teacher") teacherPage();
else if (location.pathname === "/cards") cardsPage();
else joinPage();
