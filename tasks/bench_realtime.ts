/**
 * The realtime part of `deno task bench`: the visitor -> staff relay of the
 * real app next to a bare Deno WebSocket echo, measured in the same run, on
 * loopback, with the same number of concurrent client sockets on each (the
 * sides are in `bench_realtime_sides.ts`).
 *
 * - context: `Deno.serve` + `Deno.upgradeWebSocket`, every message echoed
 *   back; latency = one round trip.
 * - reference: the same echo committing each message to SQLite first (its own
 *   transaction, WAL, the app's pragmas): the least any relay that stores a
 *   message before acknowledging it can do. The targets are ratios to this.
 * - the app: `createApp(deps)` served in-process on port 0 (SQLite on a
 *   temporary DATA_DIR), every visitor with its own session and a
 *   conversation taken over by staff (so the AI stays silent), and one staff
 *   socket subscribed to all of them; latency = a visitor's `send` until the
 *   staff socket has the `message` frame (validated, stored, fanned out).
 *
 * In each of `rounds` rounds: latency one message at a time (all sockets
 * open, one in flight, the sides taking turns), then throughput with every
 * client sending `perClient` messages, each as soon as the previous one's ack
 * (echo) is back, one side at a time. Latency percentiles pool the rounds;
 * throughput is the median round per side (a loaded 2-core machine drifts).
 * Targets (DESIGN.md): relay p99 <= 1.5x the echo + commit's, msgs/s >= 0.7x.
 * (The widget's size, as sent over the wire, is in `bench_pages.ts`.)
 *
 * @module
 */
import process from "node:process";
import { appSide, echoSide, type Side, type ThroughputRun } from "./bench_realtime_sides.ts";

/** How big the bench is. */
export interface RealtimeBenchOptions {
  /** Concurrent client sockets on each server. */
  clients: number;
  /** Messages each client sends in the throughput phase. */
  perClient: number;
  /** Messages timed one at a time in the latency phase, over all rounds. */
  latencySamples: number;
  /** Rounds of latency + throughput. */
  rounds: number;
  /** Upper bound of each phase, in ms. */
  phaseTimeoutMs: number;
}

const DEFAULTS: RealtimeBenchOptions = {
  clients: 1000,
  perClient: 5,
  latencySamples: 1500,
  rounds: 3,
  phaseTimeoutMs: 60_000,
};

/** One side's numbers. */
export interface SideResult {
  /** One message in flight at a time. */
  p50: number;
  p90: number;
  p99: number;
  /** Every client sending at once. */
  msgsPerSecond: number;
  loadP50: number;
  loadP99: number;
  /** The app only: messages stored and acknowledged per second (the relay to staff may lag behind). */
  ackedPerSecond?: number;
  /** CPU time per message during its throughput phase (every thread of the process, clients included), in µs. */
  cpuPerMessageUs: number;
  /** Of that, the main thread's (the event loop the servers and the clients share), in µs. */
  mainCpuPerMessageUs: number;
}

/** What `benchRealtime` measured. */
export interface RealtimeReport {
  clients: number;
  openFilesLimit: number | null;
  echo: SideResult;
  durableEcho: SideResult;
  app: SideResult;
  setupMs: number;
}

const pct = (xs: number[], p: number) =>
  xs.length ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** The soft limit of open files, when the platform says (Linux: /proc/self/limits). */
async function openFilesLimit(): Promise<number | null> {
  try {
    const limits = await Deno.readTextFile("/proc/self/limits");
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    return m ? (m[1] === "unlimited" ? Infinity : Number(m[1])) : null;
  } catch {
    return null;
  }
}

const median = (xs: number[]) => pct(xs, 0.5);

/** CPU time in µs: the process's (every thread) and the main thread's. */
type Cpu = { all: number; main: number };
/** A throughput run with the CPU it took. */
type MeasuredRun = ThroughputRun & { cpu: Cpu };

/**
 * {@link Cpu} now. The main thread's is in clock ticks (/proc/thread-self/stat, 10 ms each), good enough over a
 * phase of thousands of messages; NaN off Linux.
 */
function cpuNow(): Cpu {
  const { user, system } = process.cpuUsage();
  let main = NaN;
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = Deno.readTextFileSync("/proc/thread-self/stat").split(") ")[1].split(" ");
    main = (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch { /* not Linux */ }
  return { all: user + system, main };
}

/** Runs `phase`, adding the CPU it took (every thread, and the main one) to the run. */
async function withCpu(phase: () => Promise<ThroughputRun>): Promise<MeasuredRun> {
  const before = cpuNow();
  const run = await phase();
  const after = cpuNow();
  return { ...run, cpu: { all: after.all - before.all, main: after.main - before.main } };
}

/** Runs the sides and prints the report. */
export async function benchRealtime(opts: Partial<RealtimeBenchOptions> = {}): Promise<RealtimeReport> {
  const o = { ...DEFAULTS, ...opts };
  const limit = await openFilesLimit();
  // The three sides stay connected side by side, in-process: each connection is two descriptors.
  const needed = 6 * o.clients + 256;
  console.log(
    `\nRealtime: ${o.clients} concurrent client sockets on each side, all open at once, loopback, in-process ` +
      `(open-files limit ${limit ?? "unknown"}; needs ~${needed}${
        limit !== null && limit < needed ? " — TOO LOW: raise it with `ulimit -n`" : ", no change needed"
      })`,
  );
  if (limit !== null && limit < needed) {
    throw new Error(`bench: the open-files limit (${limit}) is below the ~${needed} this bench needs`);
  }
  const opened: Side[] = [];
  let report: RealtimeReport;
  try {
    const echo = await echoSide(o);
    opened.push(echo);
    const durable = await echoSide(o, true);
    opened.push(durable);
    const app = await appSide(o);
    opened.push(app);
    const sides = [echo, durable, app];
    const latency: number[][] = sides.map(() => []);
    const runs: MeasuredRun[][] = sides.map(() => []);
    const perRound = Math.ceil(o.latencySamples / o.rounds);
    let n = 0;
    for (let round = 0; round < o.rounds; round++) {
      // Latency: one message in flight, the sides taking turns (same heap, same moment); warm-up not counted.
      const warmUp = round === 0 ? Math.min(50, perRound) : 0;
      for (let s = 0; s < warmUp + perRound; s++, n++) {
        for (const [k, side] of sides.entries()) {
          const took = await side.one(n % o.clients, n);
          if (s >= warmUp) latency[k].push(took);
        }
      }
      // Throughput: one side at a time, every client busy.
      for (const [k, side] of sides.entries()) runs[k].push(await withCpu(() => side.throughput(o.perClient)));
      // The next round's latency is one message at a time at rest: not while the app's listeners still work
      // through the burst (the rollups of thousands of messages), which held up every side's samples, the
      // echoes' too (their p99 went from 0.2 to 2-4 ms).
      for (const side of sides) await side.settle?.();
    }
    const total = o.clients * o.perClient;
    const result = (k: number): SideResult => {
      const best = runs[k].slice().sort((a, b) => a.elapsed - b.elapsed)[runs[k].length >> 1];
      const acked = runs[k].map((r) => r.ackedMs).filter((x): x is number => x !== undefined);
      return {
        ...(acked.length ? { ackedPerSecond: total / (median(acked) / 1000) } : {}),
        p50: pct(latency[k], 0.5),
        p90: pct(latency[k], 0.9),
        p99: pct(latency[k], 0.99),
        msgsPerSecond: total / (best.elapsed / 1000),
        loadP50: pct(best.latencies, 0.5),
        loadP99: pct(best.latencies, 0.99),
        cpuPerMessageUs: median(runs[k].map((r) => r.cpu.all)) / total,
        mainCpuPerMessageUs: median(runs[k].map((r) => r.cpu.main)) / total,
      };
    };
    report = {
      clients: o.clients,
      openFilesLimit: limit,
      echo: result(0),
      durableEcho: result(1),
      app: result(2),
      setupMs: app.setupMs,
    };
  } finally {
    for (const side of opened.reverse()) await side.close();
  }
  const { echo: e, durableEcho: d, app: a } = report;
  // Targets are ratios to the store-before-ack floor (echo + commit); the bare echo is context.
  const latencyRatio = a.p99 / d.p99;
  const throughputRatio = a.msgsPerSecond / d.msgsPerSecond;
  const samples = Math.ceil(o.latencySamples / o.rounds) * o.rounds;
  console.log(
    `  latency, one message in flight, the sides taking turns (${samples} samples each, ${o.rounds} rounds):\n` +
      `    bare echo round trip       p50 ${ms(e.p50)}, p90 ${ms(e.p90)}, p99 ${ms(e.p99)}  (context)\n` +
      `    echo + SQLite commit       p50 ${ms(d.p50)}, p90 ${ms(d.p90)}, p99 ${ms(d.p99)}  ` +
      `(reference: the floor of storing before acknowledging)\n` +
      `    visitor -> staff relay     p50 ${ms(a.p50)}, p90 ${ms(a.p90)}, p99 ${ms(a.p99)}  ` +
      `(validated, stored in SQLite, fanned out)\n` +
      `    p99 ratio to echo + commit x${latencyRatio.toFixed(2)} — target <= 1.5x: ${
        latencyRatio <= 1.5 ? "MET" : "NOT MET"
      }  (to the bare echo: x${(a.p99 / e.p99).toFixed(2)})`,
  );
  console.log(
    `  throughput, every client sending ${o.perClient} messages, each on the previous ack/echo ` +
      `(${o.clients * o.perClient} messages, one side at a time, median of ${o.rounds} rounds):\n` +
      `    bare echo                  ${e.msgsPerSecond.toFixed(0)} msgs/s  ` +
      `(round trip under load p50 ${ms(e.loadP50)}, p99 ${ms(e.loadP99)})\n` +
      `    echo + SQLite commit       ${d.msgsPerSecond.toFixed(0)} msgs/s  ` +
      `(round trip under load p50 ${ms(d.loadP50)}, p99 ${ms(d.loadP99)})\n` +
      `    visitor -> staff relay     ${a.msgsPerSecond.toFixed(0)} msgs/s  ` +
      `(relay under load p50 ${ms(a.loadP50)}, p99 ${ms(a.loadP99)}; ` +
      `stored and acked at ${a.ackedPerSecond?.toFixed(0)} msgs/s)\n` +
      `    ratio to echo + commit x${throughputRatio.toFixed(2)} — target >= 0.7x: ${
        throughputRatio >= 0.7 ? "MET" : "NOT MET"
      }  (to the bare echo: x${(a.msgsPerSecond / e.msgsPerSecond).toFixed(2)})`,
  );
  // What two cores could do at most. The echo + commit is one thread, busy all the time: its rate is one core over
  // its CPU a message. The relay's threads together need `a.cpuPerMessageUs`; with every core busy every moment
  // (nothing waiting, nothing else running) it could reach `cores` over that. CPU time, unlike msgs/s, hardly moves
  // when other work shares the machine, so this bound holds on a noisy run too.
  const cores = navigator.hardwareConcurrency;
  const cpu = (x: SideResult) =>
    `${x.cpuPerMessageUs.toFixed(0)} µs (main thread ${x.mainCpuPerMessageUs.toFixed(0)} µs)`;
  const ceiling = cores * d.cpuPerMessageUs / a.cpuPerMessageUs;
  console.log(
    `  CPU per message in the throughput phase, every thread of the process (the clients' share included):\n` +
      `    bare echo ${cpu(e)}, echo + SQLite commit ${cpu(d)}, relay ${cpu(a)}\n` +
      `    the relay takes x${
        (a.cpuPerMessageUs / d.cpuPerMessageUs).toFixed(2)
      } the CPU of echo + commit a message: ` +
      `on all ${cores} cores, busy every moment, at most x${ceiling.toFixed(2)} of its msgs/s on one`,
  );
  console.log(`  (app setup: ${o.clients} sessions, sockets, conversations and takeovers in ${ms(report.setupMs)})`);
  return report;
}

if (import.meta.main) {
  await benchRealtime();
}
