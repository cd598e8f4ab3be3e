// `npm run fuzz`: long runs of mutated mail and posts through the pipeline
// and every format (issue 8). Input i of a run is generated from seed + i, so
// any input can be replayed alone. One child process per core; a child that
// hangs is killed by a watchdog and its input saved.
//
//   npm run fuzz                                  100,000 inputs, both cores
//   npm run fuzz -- --inputs 5000 --seed 42       a shorter run, a fixed seed
//   npm run fuzz -- --seed 42 --only 1234         replay one input
//
// The corpus is read where it is (../shared/corpus), never copied. Failing,
// hanging and slow inputs are written to the --out folder (default: a folder
// under the system's temporary directory) with what went wrong.

import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Source } from '../src/mail/input.js';
import { inputArbitrary, loadPool } from './fuzz-inputs.js';

const root = resolve(import.meta.dirname, '..', '..');

interface Options {
  inputs: number;
  workers: number;
  seed: number;
  slowMs: number;
  hangMs: number;
  out: string;
  only?: number;
  child?: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const seed = Number(value('seed') ?? Date.now() % 1_000_000_000);
  const only = value('only');
  const child = value('child');
  return {
    inputs: Number(value('inputs') ?? 100_000),
    workers: Math.max(1, Number(value('workers') ?? availableParallelism())),
    seed,
    slowMs: Number(value('slow') ?? 2000),
    hangMs: Number(value('hang') ?? 60_000),
    out: value('out') ?? join(tmpdir(), `review-post-fuzz-${seed}`),
    ...(only !== undefined ? { only: Number(only) } : {}),
    ...(child !== undefined ? { child: Number(child) } : {}),
  };
}

let arbitrary: fc.Arbitrary<Source> | undefined;

/** Input `index` of the run with this seed. */
function inputAt(seed: number, index: number): Source {
  arbitrary ??= inputArbitrary(loadPool(join(root, 'fixtures'), join(root, '..', 'shared', 'corpus')));
  return fc.sample(arbitrary, { seed: (seed + index) | 0, numRuns: 1 })[0]!;
}

function save(out: string, index: number, what: string, source: Source, detail: string): void {
  mkdirSync(out, { recursive: true });
  const base = join(out, `${what}-${index}`);
  writeFileSync(`${base}.input`, source.data);
  writeFileSync(`${base}.txt`, `input ${index}, name ${source.name}, ${source.data.length} bytes\n${detail}\n`);
}

// ------------------------------------------------------------------ child

type Report =
  | { type: 'start'; index: number }
  | { type: 'end'; index: number; ms: number; cpuMs: number; outcome: 'reviewed' | 'refused' | 'exception'; error?: string };

/** CPU time (user + system) since `from`, in ms: on a loaded machine, wall time says more about the others. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

async function runChild(options: Options, from: number): Promise<void> {
  const { exercise } = await import('./fuzz-check.js');
  const send = (report: Report): Promise<void> => new Promise((done) => process.send!(report, () => done()));
  for (let index = from; index < options.inputs; index += options.workers) {
    const source = inputAt(options.seed, index);
    await send({ type: 'start', index });
    const started = performance.now();
    const cpu = process.cpuUsage();
    let outcome: 'reviewed' | 'refused' | 'exception';
    let error: string | undefined;
    try {
      outcome = await exercise(source);
    } catch (caught) {
      outcome = 'exception';
      error = (caught as Error)?.stack ?? String(caught);
    }
    const ms = performance.now() - started;
    const cpuMs = cpuSince(cpu);
    if (outcome === 'exception') save(options.out, index, 'exception', source, error ?? '');
    else if (ms > options.slowMs) save(options.out, index, 'slow', source, `${ms.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms CPU`);
    await send({ type: 'end', index, ms, cpuMs, outcome, ...(error ? { error: error.split('\n')[0] } : {}) });
  }
}

// ------------------------------------------------------------------ parent

interface Totals {
  done: number;
  reviewed: number;
  refused: number;
  exceptions: number;
  hangs: number;
  crashes: number;
  slow: number;
  slowest: { ms: number; index: number };
  /** Inputs over the slow limit in CPU time, and the slowest in CPU time. */
  slowCpu: number;
  slowestCpu: { ms: number; index: number };
  times: number[];
}

function runParent(options: Options): Promise<Totals> {
  const totals: Totals = { done: 0, reviewed: 0, refused: 0, exceptions: 0, hangs: 0, crashes: 0, slow: 0, slowest: { ms: 0, index: -1 }, slowCpu: 0, slowestCpu: { ms: 0, index: -1 }, times: [] };
  const started = Date.now();
  const script = fileURLToPath(import.meta.url);
  let nextLog = 1000;

  return new Promise((finish) => {
    let running = 0;
    const start = (worker: number, from: number): void => {
      if (from >= options.inputs) return;
      running++;
      // Each worker takes every workers-th input from `from` on.
      const args = [
        ...['--inputs', String(options.inputs), '--workers', String(options.workers), '--seed', String(options.seed)],
        ...['--slow', String(options.slowMs), '--hang', String(options.hangMs), '--out', options.out],
        ...['--child', String(worker), '--from', String(from)],
      ];
      const child = fork(script, args, {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let current: { index: number; since: number } | undefined;
      let last = from - options.workers;
      const watchdog = setInterval(() => {
        if (current && Date.now() - current.since > options.hangMs) {
          const { index } = current;
          current = undefined;
          totals.hangs++;
          save(options.out, index, 'hang', inputAt(options.seed, index), `no answer after ${options.hangMs} ms`);
          console.log(`input ${index}: HANG, killed after ${options.hangMs} ms`);
          last = index;
          child.kill('SIGKILL');
        }
      }, 1000);
      child.on('message', (report: Report) => {
        if (report.type === 'start') {
          current = { index: report.index, since: Date.now() };
          return;
        }
        current = undefined;
        last = report.index;
        totals.done++;
        totals.times.push(report.ms);
        if (report.outcome === 'reviewed') totals.reviewed++;
        else if (report.outcome === 'refused') totals.refused++;
        else {
          totals.exceptions++;
          console.log(`input ${report.index}: EXCEPTION ${report.error}`);
        }
        if (report.ms > options.slowMs) {
          totals.slow++;
          console.log(`input ${report.index}: slow, ${report.ms.toFixed(0)} ms (${report.cpuMs.toFixed(0)} ms CPU)`);
        }
        if (report.cpuMs > options.slowMs) totals.slowCpu++;
        if (report.cpuMs > totals.slowestCpu.ms) totals.slowestCpu = { ms: report.cpuMs, index: report.index };
        if (report.ms > totals.slowest.ms) totals.slowest = { ms: report.ms, index: report.index };
        if (totals.done >= nextLog) {
          nextLog += 1000;
          const minutes = ((Date.now() - started) / 60_000).toFixed(1);
          console.log(`${totals.done} inputs, ${totals.exceptions} exceptions, ${totals.hangs} hangs, ${totals.crashes} crashes, ${totals.slow} slow, slowest ${totals.slowest.ms.toFixed(0)} ms (input ${totals.slowest.index}), ${totals.slowCpu} over in CPU (slowest ${totals.slowestCpu.ms.toFixed(0)} ms), ${minutes} min`);
        }
      });
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        running--;
        if (current) {
          // Died on an input: out of memory, or a fatal error.
          totals.crashes++;
          save(options.out, current.index, 'crash', inputAt(options.seed, current.index), `child exited with ${code ?? signal}`);
          console.log(`input ${current.index}: CRASH, child exited with ${code ?? signal}`);
          last = current.index;
        }
        if (code !== 0 || signal !== null) start(worker, last + options.workers);
        if (running === 0) finish(totals);
      });
    };
    for (let worker = 0; worker < options.workers; worker++) start(worker, worker);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv);
  if (options.child !== undefined) {
    const at = argv.indexOf('--from');
    await runChild(options, at >= 0 ? Number(argv[at + 1]) : options.child);
    return 0;
  }
  if (options.only !== undefined) {
    const { exercise } = await import('./fuzz-check.js');
    const source = inputAt(options.seed, options.only);
    save(options.out, options.only, 'replay', source, '');
    const started = performance.now();
    const cpu = process.cpuUsage();
    const outcome = await exercise(source);
    console.log(`input ${options.only} (${source.name}, ${source.data.length} bytes): ${outcome} in ${(performance.now() - started).toFixed(0)} ms, ${cpuSince(cpu).toFixed(0)} ms CPU; saved in ${options.out}`);
    return 0;
  }
  console.log(`fuzz: ${options.inputs} inputs, seed ${options.seed}, ${options.workers} workers, failures to ${options.out}`);
  const started = Date.now();
  const totals = await runParent(options);
  const sorted = [...totals.times].sort((a, b) => a - b);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    [
      `fuzz done: ${totals.done} inputs in ${seconds.toFixed(0)} s (seed ${options.seed})`,
      `  reviewed ${totals.reviewed}, refused with one line ${totals.refused}`,
      `  uncaught exceptions ${totals.exceptions}, hangs ${totals.hangs}, crashes ${totals.crashes}`,
      `  over ${options.slowMs} ms of CPU: ${totals.slowCpu}; slowest ${totals.slowestCpu.ms.toFixed(0)} ms CPU (input ${totals.slowestCpu.index})`,
      `  over ${options.slowMs} ms of wall time: ${totals.slow}; slowest ${totals.slowest.ms.toFixed(0)} ms (input ${totals.slowest.index}); median ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, p99.9 ${percentile(sorted, 99.9).toFixed(0)} ms`,
    ].join('\n'),
  );
  return totals.exceptions + totals.hangs + totals.crashes + totals.slow === 0 ? 0 : 1;
}

process.exitCode = await main();
