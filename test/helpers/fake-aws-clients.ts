/**
 * A scripted {@link AwsClientFactory} for unit tests that need no server: each SDK command name
 * maps to a handler returning the output or throwing one of the SDK's own exception classes. Every
 * call is recorded. Tests that can use the real `idc server` app should do so instead.
 */
import type { AwsClientFactory, ClientTarget } from '../../src/core/aws/clients.js'

/** A recorded SDK call. */
export interface FakeCall {
  service: 'ssoOidc' | 'sso' | 'sts' | 's3'
  command: string
  input: Record<string, unknown>
  target: ClientTarget
}

/** Handlers by command class name (`CreateTokenCommand`). */
export type FakeHandlers = Record<string, (input: Record<string, unknown>, target: ClientTarget) => unknown>

/** The fake factory and its call log. */
export interface FakeAwsClients extends AwsClientFactory {
  calls: FakeCall[]
}

/** Creates a factory whose clients answer from `handlers`. */
export function createFakeAwsClients(handlers: FakeHandlers): FakeAwsClients {
  const calls: FakeCall[] = []
  const client = (service: FakeCall['service'], target: ClientTarget) => ({
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name
      calls.push({ service, command: name, input: command.input, target })
      const handler = handlers[name]
      if (!handler) throw new Error(`fake AWS clients: no handler for ${name}`)
      return await handler(command.input, target)
    },
    destroy() {},
  })
  return {
    calls,
    ssoOidc: async (target) => client('ssoOidc', target) as never,
    sso: async (target) => client('sso', target) as never,
    sts: async (target) => client('sts', target) as never,
    s3: async (target) => client('s3', target) as never,
  }
}
