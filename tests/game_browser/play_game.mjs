// The game in a real browser: puppeteer-core drives Debian's chromium (headless). A teacher and
// three teams play two rounds of `rampart play` end to end through the pages (forms, buttons,
// polling), then open the debrief. Fails on any page error, console error or failed request;
// saves screenshots of every page in OUT_DIR for a person to look at.
//   node play_game.mjs RAMPART_BINARY OUT_DIR
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

let puppeteer;
try {
  puppeteer = (await import("puppeteer-core")).default;
} catch {
  console.error("puppeteer-core is missing: npm ci --prefix tests/game_browser (scripts/install-deps.sh does it)");
  process.exit(1);
}

const [binary, outDir] = process.argv.slice(2);
if (!binary || !outDir) {
  console.error("usage: node play_game.mjs RAMPART_BINARY OUT_DIR");
  process.exit(2);
}
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
if (!chromium) throw new Error("chromium is not installed (scripts/install-deps.sh installs it)");

const problems = [];
const step = text => console.log(`.. ${text}`);
const server = spawn(binary, ["play", "--countries", "DEU,FRA,POL", "--rounds", "2",
  "--years-per-round", "2", "--seed", "7", "--port", "0", "-o", path.join(outDir, "game.h5")]);
let printed = "";
server.stderr.on("data", d => { printed += d; });
const started = new Promise((resolve, reject) => {
  server.stdout.on("data", d => {
    printed += d;
    if (printed.includes("Ctrl-C stops")) resolve();
  });
  server.on("exit", code => reject(new Error(`rampart play exited with ${code}: ${printed}`)));
  setTimeout(() => reject(new Error("rampart play printed no codes: " + printed)), 20000);
});
await started;
step("server started");
const teacherUrl = printed.match(/Teacher:\s+(\S+)/)[1];
const teamUrls = [...printed.matchAll(/code [A-Z0-9]+\s+(http\S+)/g)].map(m => m[1]);
if (teamUrls.length !== 3) throw new Error("expected three join codes: " + printed);

const browser = await puppeteer.launch({
  executablePath: chromium, headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
});
async function open(url, name, viewport) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const problem = text => { problems.push(text); console.error(text); };
  page.on("pageerror", e => problem(`${name}: page error ${e.message}`));
  page.on("console", m => { if (m.type() === "error" || m.type() === "warn") problem(`${name}: console ${m.text()}`); });
  page.on("requestfailed", r => problem(`${name}: request failed ${r.url()}`));
  page.on("response", r => { if (r.status() >= 400) problem(`${name}: ${r.status()} ${r.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  return page;
}
const shot = (page, name) => page.screenshot({ path: path.join(outDir, name + ".png"), fullPage: true });

try {
  const teacher = await open(teacherUrl, "teacher", { width: 1280, height: 900 });
  step("teacher page open");
  // The printable team cards.
  await Promise.all([teacher.waitForNavigation(), teacher.click("#cards-link")]);
  await teacher.waitForFunction(() => document.querySelectorAll(".card").length === 3, { timeout: 10000, polling: 100 });
  // Each card carries the QR code of its team's join link, the link the server printed.
  const cardQrs = await teacher.$$eval(".card", cards => cards.map(c => ({
    qr: c.querySelectorAll("svg.qr path").length, label: c.querySelector("svg.qr")?.getAttribute("aria-label") })));
  for (const [i, c] of cardQrs.entries()) {
    if (c.qr !== 1 || c.label !== `QR code of ${teamUrls[i]}`) throw new Error(`card ${i + 1}: ${JSON.stringify(c)}`);
  }
  await shot(teacher, "team-cards");
  // Where zbar is installed (scripts/install-deps.sh), the printed cards' codes scan back to the links.
  const zbar = spawnSync("zbarimg", ["--quiet", "--raw", path.join(outDir, "team-cards.png")], { encoding: "utf8" });
  if (!zbar.error) {
    const scanned = zbar.stdout.trim().split("\n").sort().join(" ");
    if (scanned !== [...teamUrls].sort().join(" ")) throw new Error(`the cards' QR codes scan as: ${scanned}`);
    step("the cards' QR codes scan back to the join links");
  }
  await teacher.goBack();
  // The teacher's join panel, for the projector: every team's QR code and join code.
  await teacher.waitForSelector("#join-toggle");
  await teacher.click("#join-toggle");
  await teacher.waitForFunction(() => document.querySelectorAll("#join-panel svg.qr").length === 3, { timeout: 10000, polling: 100 });
  await shot(teacher, "teacher-join-codes");
  await teacher.click("#join-toggle");
  await teacher.waitForFunction(() => !document.querySelector("#join-panel"), { timeout: 10000, polling: 100 });
  const teams = [];
  for (const [i, url] of teamUrls.entries()) teams.push(await open(url, `team${i + 1}`, { width: 412, height: 900 }));
  const choices = [["3.5", "0.3", "90"], ["1.2", "0", "40"], ["5", "0.5", "100"]];
  for (let round = 1; round <= 2; ++round) {
    for (const [i, page] of teams.entries()) {
      step(`round ${round}: team ${i + 1} decides`);
      await page.bringToFront();
      await page.waitForFunction(r => document.querySelector("#decision h2") &&
        document.getElementById("status").textContent.includes(`Round ${r} of`), { timeout: 10000, polling: 100 }, round);
      for (const [k, id] of ["core", "aid", "readiness"].entries()) {
        await page.$eval(`#${id}`, input => { input.value = ""; });
        await page.type(`#${id}`, choices[i][k]);
      }
      const cost = await page.$eval("#cost", e => e.textContent);
      if (!cost.includes("bn USD")) problems.push(`team${i + 1}: no cost shown: ${cost}`);
      await page.click("#submit");
      await page.waitForSelector("#message.ok", { timeout: 10000, polling: 100 });
      if (round === 1 && i === 0) await shot(page, "team-DEU-round1-submitted");
    }
    await teacher.waitForFunction(() => [...document.querySelectorAll("td.submitted")]
      .filter(td => td.textContent.includes("submitted")).length === 3, { timeout: 10000, polling: 100 });
    await shot(teacher, `teacher-round${round}-all-submitted`);
    step(`round ${round}: the teacher plays it`);
    await teacher.bringToFront();
    if (round === 2) {
      // Injected events: Russia probes Estonia, and a ceasefire, in the round's first year; the US
      // turns transactional from the round on.
      await teacher.select("#probe-target", "EST");
      await teacher.click("#ceasefire");
      await teacher.select("#us-policy", "transactional");
      await teacher.click("#set-events");
      await teacher.waitForFunction(() => document.getElementById("pending-events")?.textContent.includes("EST"),
                                    { timeout: 10000, polling: 100 });
    }
    await teacher.click("#advance");
    await teacher.waitForFunction(r => {
      const s = document.getElementById("status").textContent;
      return r === 2 ? s.includes("Game over") : s.includes(`Round ${r + 1} of`);
    }, { timeout: 10000, polling: 100 }, round);
  }
  await shot(teacher, "teacher-game-over");
  await teams[2].waitForFunction(() => document.body.textContent.includes("The game is over"), { timeout: 10000, polling: 100 });
  await shot(teams[2], "team-POL-game-over");
  await Promise.all([teacher.waitForNavigation(), teacher.click("a[href^='/debrief']")]);
  await teacher.waitForSelector("#rounds tr:nth-child(7)", { timeout: 10000, polling: 100 });
  const text = await teacher.$eval("#app", e => e.textContent);
  for (const want of ["Germany", "France", "Poland", "agent's plan, same world", "burden ratio", "3.50", "1.20",
                      "Russia probed Estonia, ceasefire, the US turned transactional", "2027: Estonia"]) {
    if (!text.includes(want)) problems.push(`debrief: "${want}" missing`);
  }
  if ((await teacher.$$("#app svg")).length < 2) problems.push("debrief: charts missing");
  await shot(teacher, "debrief");
} catch (e) {
  problems.push("step failed: " + e.message);
} finally {
  await browser.close();
  const exited = new Promise(resolve => server.on("exit", code => resolve(code)));
  server.kill("SIGINT");
  const code = await exited;
  if (code !== 0) problems.push(`rampart play exited with ${code} on Ctrl-C: ${printed.slice(-2000)}`);
}
if (!existsSync(path.join(outDir, "game.h5"))) problems.push("no game file");
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`ok: a teacher and three teams played two rounds; screenshots in ${outDir}`);
