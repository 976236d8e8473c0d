/**
 * A virtual-time clock for tests: `sleep(ms)` registers a timer at `now + ms`, and a scheduler
 * wakes the timers in order of their wake-up times, moving `now` to each one. It moves on only
 * once the code under test has gone quiet (every sleeper asleep, nothing else runnable), so
 * concurrent waiters interleave as they would in real time, and a waiter's deadline passes only
 * when virtual time truly reaches it. Nothing waits in real time beyond the quiet checks.
 *
 * Hand-written: vitest's fake timers patch the global timers, but idc's code never touches them;
 * it waits through the injected `env.sleep`, and what is needed is a clock that tells several
 * concurrent waiters apart while real file IO (the lock files) runs in between.
 */
import { setImmediate as nextTurn, setTimeout as realDelay } from 'node:timers/promises'

/** The fake clock's handles (`now`, `sleep` and `repeat` fit an `Env`/`CliEnv`). */
export interface FakeClock {
  now(): number
  /** Resolves when the scheduler reaches `now + ms`; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** Calls `tick` every `ms` of virtual time; returns the function that stops it. */
  repeat(ms: number, tick: () => void): () => void
  /** Moves the clock forward at once, waking the sleepers and running the ticks that come due. */
  advance(ms: number): void
  /** Sets the time (sleepers keep their wake-up times). */
  setNow(ms: number): void
  /** The number of `repeat` timers still running. */
  readonly runningTimers: number
  /** The number of sleeps not yet woken. */
  readonly sleeping: number
}

interface Sleeper {
  due: number
  order: number
  wake: () => void
}

/**
 * True while file IO is in flight in libuv's thread pool (its completion will run more code).
 *
 * `process.getActiveResourcesInfo()` is marked experimental, and it is kept on purpose: it is the
 * one stable-enough view of every file request in the process, whoever makes it. The alternatives
 * were weighed and each sees less. A counter around the injected `env.fs` (and the `FileHandle`s
 * it opens) would see the code under test's own file operations without polling, but not the file
 * reads of a lazy `import()` (commands, the SDK factories and the prompter load on first use) nor
 * a test's own file writes, and virtual time could then overtake a waiter that is still loading a
 * module; `async_hooks.createHook` sees everything but is experimental too, and slows every
 * promise in the unit layer. Work that is not file IO (a child process, a socket) is not watched:
 * a test that sleeps on this clock while such work runs must wait for that work itself.
 */
function fileIoInFlight(): boolean {
  return process.getActiveResourcesInfo().some((name) => name.startsWith('FSReq') || name.endsWith('CloseReq'))
}

/**
 * Waits until the code under test has nothing left to run: no file IO in flight and a few
 * event-loop turns in a row with nothing new started (a continuation that starts IO shows up as
 * in flight by the next turn). Waits for IO in short real pauses, up to 5 s in all, so that a
 * loaded machine cannot make virtual time overtake a holder that is still writing its files.
 */
async function quiet(): Promise<void> {
  const giveUpAt = Date.now() + 5_000
  for (let idleTurns = 0; idleTurns < 3;) {
    await nextTurn()
    if (fileIoInFlight() && Date.now() < giveUpAt) {
      idleTurns = 0
      await realDelay(1)
    } else idleTurns++
  }
}

/** Creates a clock at `start` (ms since the epoch). */
export function createFakeClock(start: number): FakeClock {
  let now = start
  let order = 0
  let running = false
  const sleepers = new Set<Sleeper>()
  const timers = new Set<{ every: number; due: number; tick: () => void }>()

  /** Moves to `to`, running each repeating timer once for every period that passed. */
  function moveTo(to: number): void {
    for (;;) {
      const next = [...timers].sort((a, b) => a.due - b.due)[0]
      if (!next || next.due > to) break
      now = Math.max(now, next.due)
      next.due += next.every
      next.tick()
    }
    now = Math.max(now, to)
  }

  /** Wakes, in order, every sleeper due by now. */
  function wakeDue(): void {
    const due = [...sleepers].filter((s) => s.due <= now).sort((a, b) => a.due - b.due || a.order - b.order)
    for (const sleeper of due) {
      sleepers.delete(sleeper)
      sleeper.wake()
    }
  }

  /** The scheduler: while anyone sleeps, wait for quiet, then jump to the earliest wake-up time. */
  async function run(): Promise<void> {
    if (running) return
    running = true
    try {
      while (sleepers.size > 0) {
        await quiet()
        const earliest = Math.min(...[...sleepers].map((s) => s.due))
        if (!Number.isFinite(earliest)) continue
        moveTo(earliest)
        wakeDue()
      }
    } finally {
      running = false
    }
  }

  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const onAbort = () => {
          sleepers.delete(sleeper)
          reject(signal?.reason)
        }
        const sleeper: Sleeper = {
          due: now + Math.max(0, ms),
          order: order++,
          wake: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        sleepers.add(sleeper)
        void run()
      })
    },
    repeat(ms, tick) {
      const timer = { every: ms, due: now + ms, tick }
      timers.add(timer)
      return () => void timers.delete(timer)
    },
    advance(ms) {
      moveTo(now + ms)
      wakeDue()
    },
    setNow(ms) {
      now = ms
    },
    get runningTimers() {
      return timers.size
    },
    get sleeping() {
      return sleepers.size
    },
  }
}
