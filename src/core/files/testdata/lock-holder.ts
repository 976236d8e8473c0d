// A lock holder for the takeover tests: `node --import tsx lock-holder.ts PATH` takes the lock on
// PATH, prints "locked" and holds it until it is killed.
import { createNodeEnv } from '../../node-env.js'
import { withFileLock } from '../lock.js'

const [path] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: PATH')
await withFileLock(createNodeEnv(), path, async () => {
  process.stdout.write('locked\n')
  await new Promise(() => setInterval(() => {}, 1 << 30))
})
