// A writer process for the kill -9 test: `node --import tsx killable-writer.ts FILE WORKER COUNT`
// sets COUNT keys one update at a time and prints each key's index once its update is on disk,
// so the test knows which updates must survive when it kills the process.
import { createNodeEnv } from '../../node-env.js'
import { updateSharedConfigFile } from '../config-writer.js'

const [file, worker, count] = process.argv.slice(2)
if (file === undefined || worker === undefined || count === undefined) throw new Error('usage: FILE WORKER COUNT')
const env = createNodeEnv()
for (let i = 0; i < Number(count); i++) {
  const section = i % 3 === 0 ? 'default' : `profile worker${worker}`
  // A longer value makes each write take a little longer, so kills land inside writes too.
  await updateSharedConfigFile(env, { file, section, set: { [`w${worker}_k${i}`]: `${i}-${'x'.repeat(2000)}` } })
  process.stdout.write(`${i}\n`)
}
