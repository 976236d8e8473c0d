// A writer process for the concurrency test: `node --import tsx concurrent-writer.ts FILE WORKER COUNT`
// sets COUNT distinct keys, alternating between a section shared by all workers and its own.
import { createNodeEnv } from '../../node-env.js'
import { updateSharedConfigFile } from '../config-writer.js'

const [file, worker, count] = process.argv.slice(2)
if (file === undefined || worker === undefined || count === undefined) throw new Error('usage: FILE WORKER COUNT')
const env = createNodeEnv()
for (let i = 0; i < Number(count); i++) {
  const section = i % 2 === 0 ? 'default' : `profile worker${worker}`
  await updateSharedConfigFile(env, { file, section, set: { [`w${worker}_k${i}`]: String(i) } })
}
