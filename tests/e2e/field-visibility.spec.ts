import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, logIn, tr } from "./support";

// Issue 10, point 3 as a member of Wij zijn KAS meets it: a peer opens colleagues' pages,
// their `.data`, the registrations tab, /people and both CSVs, and finds no email address,
// AGB code or registration number of anyone else (decision 017). What the board sees in its
// own exports is the list of values that must not show up.
const SLUG = "wij-zijn-kas";
const PEER = { email: "pieter.van.vliet@kas.demo.koepel.nl", name: "Pieter van Vliet" };

const csvLines = (text: string) => text.replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);

async function text(request: APIRequestContext, path: string, status = 200) {
  const res = await request.get(path, { maxRedirects: 0 });
  expect(res.status(), path).toBe(status);
  return res.text();
}

test("a member sees colleagues' professional profiles, and none of their contact details, AGB codes or registrations", async ({ browser }) => {
  test.setTimeout(180_000);
  const board = await (await browser.newContext()).newPage();
  await logIn(board, "voorzitter@kas.demo.koepel.nl", DEMO_PASSWORD);
  const members = csvLines(await text(board.request, `/c/${SLUG}/members.csv`));
  const others = members.filter((l) => !l.startsWith(`${PEER.name};`) && !l.includes(PEER.email));
  const emails = others.flatMap((l) => l.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
  const agbs = others.flatMap((l) => l.match(/\b9\d{7}\b/g) ?? []);
  const numbers = csvLines(await text(board.request, `/c/${SLUG}/registrations.csv`))
    .map((l) => l.split(";"))
    .filter((cells) => cells[0] !== PEER.name && cells[2] && cells[2].length >= 5)
    .map((cells) => cells[2]);
  const directory = await text(board.request, `/c/${SLUG}/members?status=member`);
  // Everyone else's page: the peer sees all of their own record, so their own page is left out.
  const links = [...directory.matchAll(new RegExp(`href="/c/${SLUG}/members/([0-9a-f-]{36})"[^>]*>([^<]+)<`, "g"))];
  const ids = [...new Set(links.filter((m) => m[2].trim() !== PEER.name).map((m) => m[1]))];
  expect(links.some((m) => m[2].trim() === PEER.name)).toBe(true);
  // The demo has real values of each kind, so the checks below mean something.
  expect(emails.length).toBeGreaterThan(20);
  expect(agbs.length).toBeGreaterThan(20);
  expect(numbers.length).toBeGreaterThan(10);
  expect(ids.length).toBeGreaterThan(20);
  const forbidden = [...emails, ...agbs, ...numbers];
  // A value counts where it stands on its own: a registration number of six digits can
  // also turn up inside a random id or nonce on the page (a UUID, base64), which is no leak.
  const standalone = forbidden.map((v) => ({ v, re: new RegExp(`(?<![A-Za-z0-9+/=-])${v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9+/=-])`) }));
  const leaks = (where: string, body: string) => standalone.filter(({ re }) => re.test(body)).map(({ v }) => `${where}: ${v}`);

  const peer = await (await browser.newContext()).newPage();
  await logIn(peer, PEER.email, DEMO_PASSWORD);
  const found: string[] = [];
  let profiles = 0;
  for (const id of ids) {
    const base = `/c/${SLUG}/members/${id}`;
    const data = await text(peer.request, `${base}.data`);
    found.push(...leaks(`${base}.data`, data), ...leaks(base, await text(peer.request, base)));
    // The registrations tab is refused, page and data alike, and says nothing.
    for (const path of [`${base}/registrations`, `${base}/registrations.data`]) {
      const res = await peer.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(403);
      found.push(...leaks(path, await res.text()));
    }
    profiles++;
  }
  expect(profiles).toBeGreaterThan(20);
  for (const path of [`/c/${SLUG}/members`, `/c/${SLUG}/members.data`, `/c/${SLUG}/members.csv`, `/c/${SLUG}/people`, `/c/${SLUG}/people.data`, `/c/${SLUG}/people.csv`, `/c/${SLUG}/practices`]) {
    found.push(...leaks(path, await text(peer.request, path)));
  }
  expect(found).toEqual([]);

  // In the browser: the people list has names and roles, no email column; a colleague's page has no registrations tab.
  await peer.goto(`/c/${SLUG}/people`);
  await expect(peer.getByRole("cell", { name: /^Esmee van Aalst/ }).first()).toBeVisible();
  await expect(peer.getByRole("columnheader", { name: tr("nl", "fields.email") })).toHaveCount(0);
  await expect(peer.getByRole("columnheader", { name: tr("nl", "fields.role") })).toBeVisible();
  await peer.goto(`/c/${SLUG}/members`);
  await peer.getByRole("link", { name: "Esmee van Aalst" }).click();
  await expect(peer.getByTestId("page-title")).toHaveText("Esmee van Aalst");
  const nav = peer.getByRole("navigation", { name: tr("nl", "members.pageNav") });
  await expect(nav.getByRole("link", { name: tr("nl", "members.details") })).toBeVisible();
  await expect(nav.getByRole("link", { name: tr("nl", "nav.registrations") })).toHaveCount(0);
});
