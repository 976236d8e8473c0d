// The device flow against `idc server --device-url-without-code`, which answers
// StartDeviceAuthorization as AWS has since September 2026: the complete verification URL is an
// opaque reference that no longer holds the user code, so the user types the code the CLI prints
// on its own. idc and the real AWS CLI v2 each sign in with --use-device-code --no-browser: the
// test reads the code from the CLI's output, opens the printed complete URL, types the code, signs
// in and approves, and the CLI finishes. Both CLIs print the same lines around the code and URLs.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveOverHttp } from '../helpers/http-sign-in.js'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'
import { ALICE } from '../helpers/sso-browser.js'
import { IDC_BIN, findAwsV2, requireTool } from '../helpers/tools.js'
import { clientEnv } from './credentials-login.js'

const awsPath = requireTool(findAwsV2())

/** What a CLI printed and how it ended. */
interface SignIn {
  code: number | null
  stdout: string
  userCode: string
  completeUrl: string
}

describe('device flow with URLs that do not carry the user code', () => {
  let server: ServerProcess
  let scratch: string

  beforeAll(async () => {
    server = await startServerProcess({ demo: true, args: ['--device-url-without-code'] })
    scratch = mkdtempSync(join(tmpdir(), 'idc-e2e-device-ref-'))
  })

  afterAll(async () => {
    await server?.stop()
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  /** Runs `<program> sso login --use-device-code --no-browser` in a fresh HOME and approves it. */
  async function signIn(name: string, program: string[]): Promise<SignIn> {
    const home = join(scratch, name)
    mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 })
    writeFileSync(
      join(home, '.aws', 'config'),
      `[sso-session emu]\nsso_start_url = ${server.startUrl}\nsso_region = ${server.region}\nsso_registration_scopes = sso:account:access\n`,
    )
    const [command, ...args] = program
    const child = spawn(
      command as string,
      [...args, 'sso', 'login', '--sso-session', 'emu', '--use-device-code', '--no-browser'],
      {
        env: clientEnv(server, home),
      },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d
        const match = /Then enter the code:\n\n(\S+)\n[\s\S]*autofill the code upon loading:\n(\S+)\n/.exec(stdout)
        if (match) resolve(match)
      })
      void exited.then(() => reject(new Error(`${name} exited early:\n${stdout}\n${stderr}`)))
    })
    const [, userCode, completeUrl] = printed as unknown as [string, string, string]
    // The complete URL alone does not get the user through: the page asks for the code.
    await expect(approveOverHttp(completeUrl, ALICE)).rejects.toThrow('the device page asks for the user code')
    await approveOverHttp(completeUrl, ALICE, { userCode })
    const code = await exited
    return { code, stdout, userCode, completeUrl }
  }

  /** The output with the values that differ between runs replaced by names. */
  function shape(result: SignIn): string {
    return result.stdout
      .split(result.completeUrl)
      .join('<COMPLETE-URL>')
      .split(result.userCode)
      .join('<USER-CODE>')
      .split(server.endpoint)
      .join('<ENDPOINT>')
  }

  it('idc prints the code on its own and signs in by it', async () => {
    const idc = await signIn('idc', [process.execPath, IDC_BIN])
    expect(idc.code, idc.stdout).toBe(0)
    expect(idc.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(idc.completeUrl).toMatch(/\/device\?ref=/)
    expect(idc.completeUrl).not.toContain(idc.userCode)
    expect(shape(idc)).toBe(
      'Browser will not be automatically opened.\nPlease visit the following URL:\n\n<ENDPOINT>/device\n\n' +
        'Then enter the code:\n\n<USER-CODE>\n\n' +
        'Alternatively, you may visit the following URL which will autofill the code upon loading:\n<COMPLETE-URL>\n' +
        `Successfully logged into Start URL: ${server.startUrl}\n`,
    )
  })

  it.skipIf(!awsPath)('the AWS CLI v2 signs in the same way and prints the same lines', async () => {
    const aws = await signIn('aws', [awsPath!])
    expect(aws.code, aws.stdout).toBe(0)
    expect(aws.completeUrl).not.toContain(aws.userCode)
    const idc = await signIn('idc-again', [process.execPath, IDC_BIN])
    expect(shape(idc)).toBe(shape(aws))
  })
})
