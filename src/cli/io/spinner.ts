/**
 * A one-line "waiting" indicator on stderr, shown only when stderr is a terminal (never in logs
 * or pipes). The line is erased when the wait ends, so stdout keeps exactly the AWS CLI's text.
 *
 * @module
 */
import type { CliEnv, OutStream } from '../cli-env.js'

/** A running indicator. */
export interface Spinner {
  stop(): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** How often the next frame is drawn. */
export const SPINNER_FRAME_MS = 120

/** Starts the indicator with `text` on `env.stderr`; a no-op when that is not a TTY. */
export function startSpinner(env: Pick<CliEnv, 'stderr' | 'repeat'>, text: string): Spinner {
  const stream: OutStream = env.stderr
  if (!stream.isTTY) return { stop() {} }
  let frame = 0
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`)
  draw()
  const cancel = env.repeat(SPINNER_FRAME_MS, draw)
  let stopped = false
  return {
    stop() {
      if (stopped) return
      stopped = true
      cancel()
      stream.write('\r\x1b[2K')
    },
  }
}
