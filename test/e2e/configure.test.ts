// `idc configure` in a real terminal (tmux): the built idc asks the four questions, the answers
// land in ~/.aws/credentials and ~/.aws/config, and the real AWS CLI v1 reads them back; then the
// other way round: `aws configure set` writes and `idc configure get` reads.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDC_BIN, findAwsV1, findAwsV2, findTmux, requireTool } from '../helpers/tools.js'

const tmuxPath = requireTool(findTmux())
const awsV1 = requireTool(findAwsV1())
const awsV2 = requireTool(findAwsV2())

describe.skipIf(!tmuxPath || !awsV1 || !awsV2)('idc configure in tmux, read back by the AWS CLI', () => {
  let home: string
  const socket = `idc-e2e-configure-${process.pid}`
  const tmux = (...args: string[]) => execFileSync(tmuxPath!, ['-L', socket, ...args], { encoding: 'utf8' })
  const screen = () => tmux('capture-pane', '-p', '-t', 'c')
  const keys = (...k: string[]) => tmux('send-keys', '-t', 'c', ...k)
  const cleanEnv = () => ({ PATH: process.env.PATH, HOME: home })
  const aws = (...args: string[]) => execFileSync(awsV1!, args, { encoding: 'utf8', env: cleanEnv() })
  const idc = (...args: string[]) =>
    execFileSync(process.execPath, [IDC_BIN, ...args], { encoding: 'utf8', env: cleanEnv() })

  async function waitForScreen(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      if (pattern.test(screen())) return
      if (Date.now() > deadline) throw new Error(`screen never matched ${pattern}:\n${screen()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'idc-e2e-configure-'))
  })

  afterAll(() => {
    try {
      tmux('kill-server')
    } catch {}
    if (home) rmSync(home, { recursive: true, force: true })
  })

  it('answers the four prompts in a terminal and the AWS CLI v1 reads the values', async () => {
    const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color']
    const shell = `${command.join(' ')} ${process.execPath} ${IDC_BIN} configure --profile dev; echo EXIT=$?; sleep 600`
    tmux('new-session', '-d', '-s', 'c', '-x', '120', '-y', '30', shell)

    await waitForScreen(/AWS Access Key ID \[None\]:\s*$/m)
    keys('AKIAIOSFODNN7EXAMPLE', 'Enter')
    await waitForScreen(/AWS Secret Access Key \[None\]:\s*$/m)
    keys('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'Enter')
    await waitForScreen(/Default region name \[None\]:\s*$/m)
    keys('eu-west-1', 'Enter')
    await waitForScreen(/Default output format \[None\]:\s*$/m)
    keys('yaml', 'Enter')
    await waitForScreen(/EXIT=0/)

    expect(readFileSync(join(home, '.aws', 'credentials'), 'utf8')).toBe(
      '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    )
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(
      '[profile dev]\nregion = eu-west-1\noutput = yaml\n',
    )
    expect(aws('configure', 'get', 'aws_access_key_id', '--profile', 'dev')).toBe('AKIAIOSFODNN7EXAMPLE\n')
    expect(aws('configure', 'get', 'profile.dev.region')).toBe('eu-west-1\n')
    expect(aws('configure', 'get', 'output', '--profile', 'dev')).toBe('yaml\n')
  })

  it('shows the masked current values on a second run and keeps them on Enter', async () => {
    tmux('kill-session', '-t', 'c')
    const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color']
    const shell = `${command.join(' ')} ${process.execPath} ${IDC_BIN} configure --profile dev; echo EXIT=$?; sleep 600`
    tmux('new-session', '-d', '-s', 'c', '-x', '120', '-y', '30', shell)
    await waitForScreen(/AWS Access Key ID \[\*{16}MPLE\]:\s*$/m)
    keys('Enter')
    await waitForScreen(/AWS Secret Access Key \[\*{16}EKEY\]:\s*$/m)
    keys('Enter')
    await waitForScreen(/Default region name \[eu-west-1\]:\s*$/m)
    keys('us-east-2', 'Enter')
    await waitForScreen(/Default output format \[yaml\]:\s*$/m)
    keys('Enter')
    await waitForScreen(/EXIT=0/)
    expect(aws('configure', 'get', 'region', '--profile', 'dev')).toBe('us-east-2\n')
    expect(aws('configure', 'get', 'aws_secret_access_key', '--profile', 'dev')).toBe(
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    )
  })

  it('reads what the AWS CLI v1 wrote with configure set', () => {
    aws('configure', 'set', 'region', 'ap-southeast-2', '--profile', 'v1')
    aws('configure', 'set', 'profile.v1.s3.max_concurrent_requests', '7')
    aws('configure', 'set', 'aws_session_token', 'FwoGZXIvYXdzEXAMPLE', '--profile', 'v1')
    expect(idc('configure', 'get', 'region', '--profile', 'v1')).toBe('ap-southeast-2\n')
    expect(idc('configure', 'get', 'profile.v1.s3.max_concurrent_requests')).toBe('7\n')
    expect(idc('configure', 'get', 'aws_session_token', '--profile', 'v1')).toBe('FwoGZXIvYXdzEXAMPLE\n')
    expect(idc('configure', 'list-profiles')).toBe('dev\nv1\n')
  })

  it('prints configure list, list-profiles and get exactly as the AWS CLI v2 does on the same files', () => {
    const run = (bin: string[], args: string[]) => {
      try {
        return {
          status: 0,
          stdout: execFileSync(bin[0]!, [...bin.slice(1), ...args], {
            encoding: 'utf8',
            env: cleanEnv(),
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
        }
      } catch (error) {
        const failure = error as { status: number | null; stdout: string }
        return { status: failure.status, stdout: failure.stdout }
      }
    }
    for (const args of [
      ['configure', 'list', '--profile', 'dev'],
      ['configure', 'list', '--profile', 'v1'],
      ['configure', 'list'],
      ['configure', 'list-profiles'],
      ['configure', 'get', 'profile.v1.s3.max_concurrent_requests'],
      ['configure', 'get', 'profile.v1.s3'],
      ['configure', 'get', 'nothing-here'],
    ]) {
      expect(run([process.execPath, IDC_BIN], args), args.join(' ')).toEqual(run([awsV2!], args))
    }
  })

  it('fails at once without a terminal, naming idc configure set', () => {
    let stderr = ''
    let status: number | null = 0
    try {
      execFileSync(process.execPath, [IDC_BIN, 'configure'], {
        encoding: 'utf8',
        env: cleanEnv(),
        input: '',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 10_000,
      })
    } catch (error) {
      const failure = error as { status: number | null; stderr: string }
      status = failure.status
      stderr = failure.stderr
    }
    expect(status).toBe(252)
    expect(stderr).toContain('idc configure set')
  })
})
