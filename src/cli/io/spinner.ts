/**
 * A one-line "waiting" indicator on stderr, shown only when stderr is a terminal (never in logs
 * or pipes). The line is erased when the wait ends, so stdout keeps exactly the AWS CLI's text.
 *
 * @module
 */
import type { OutStream } from '../cli-env.js'

/** A running indicator. */
export interface Spinner {
  stop(): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/** Starts the indicator with `text`; a no-op when `stream` is not a TTY. */
export function startSpinner(stream: OutStream, text: string): Spinner {
  if (!stream.isTTY) return { stop() {} }
  let frame = 0
  const draw = () => stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${text}`)
  draw()
  const timer = setInterval(draw, 120)
  timer.unref?.()
  let stopped = false
  return {
    stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      stream.write('\r\x1b[2K')
    },
  }
}
