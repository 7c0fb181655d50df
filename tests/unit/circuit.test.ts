import { describe, expect, it, vi } from "vitest";
import { Circuit } from "~db/circuit";

// The database circuit with a fake probe: what opens it, what does not, and that it
// closes by itself once the probe answers. Every wait is on the state it asserts.
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const statementTimeout = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });

function fakeDatabase() {
  const db = { up: false, hang: false, pings: 0, inFlight: 0, maxInFlight: 0 };
  const ping = async () => {
    db.pings++;
    db.inFlight++;
    db.maxInFlight = Math.max(db.maxInFlight, db.inFlight);
    try {
      if (db.hang) await new Promise((r) => setTimeout(r, 200));
      if (!db.up) throw refused;
    } finally {
      db.inFlight--;
    }
  };
  return { db, circuit: new Circuit({ ping, intervalMs: 20, probeTimeoutMs: 50 }) };
}

describe("database circuit", () => {
  it("opens on a connection error, probes in the background, and closes when the probe answers", async () => {
    const { db, circuit } = fakeDatabase();
    expect(circuit.state).toBe("closed");
    circuit.failure(wrapped(refused)); // drizzle's wrapper around the driver's error
    expect(circuit.isOpen).toBe(true);
    await vi.waitFor(() => expect(db.pings).toBeGreaterThanOrEqual(3));
    expect(circuit.isOpen).toBe(true); // still down: still open
    db.up = true;
    await vi.waitFor(() => expect(circuit.state).toBe("closed"));
    const pings = db.pings;
    await new Promise((r) => setTimeout(r, 100)); // closed: the background probing has stopped
    expect(db.pings).toBe(pings);
  });

  it("stays closed on errors that are not about the connection", () => {
    const { db, circuit } = fakeDatabase();
    circuit.failure(wrapped(statementTimeout));
    circuit.failure(Object.assign(new Error("duplicate key"), { code: "23505" }));
    circuit.failure(new Error("a bug"));
    expect(circuit.state).toBe("closed");
    expect(db.pings).toBe(0);
  });

  it("a missed deadline probes once; a probe without an answer opens the circuit", async () => {
    const { db, circuit } = fakeDatabase();
    db.up = true;
    expect(await circuit.suspect()).toBe(true); // the database answers: stays closed
    expect(db.pings).toBe(1);
    expect(circuit.state).toBe("closed");

    db.hang = true; // answers, but only after 200 ms: longer than the probe's 50 ms
    expect(await circuit.suspect()).toBe(false);
    expect(circuit.state).toBe("open");
    db.hang = false;
    await vi.waitFor(() => expect(circuit.state).toBe("closed"));
    expect(db.maxInFlight).toBe(1); // never two probes at once, even when one hangs
  });
});
