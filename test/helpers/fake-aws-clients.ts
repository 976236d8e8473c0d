/**
 * A scripted {@link AwsClientFactory} for unit tests that need no server: each SDK command name
 * maps to a handler returning the output or throwing one of the SDK's own exception classes. Every
 * call is recorded. Tests that can use the real `idc server` app should do so instead.
 */
import type { AwsClientFactory, ClientTarget, DpopSigner } from '../../src/core/aws/clients.js'

/** A recorded SDK call. */
export interface FakeCall {
  service: 'ssoOidc' | 'sso' | 'sts' | 's3' | 'signin'
  command: string
  /** The DPoP proof a Sign-In call carried (for `POST <endpoint>/v1/token`). */
  dpop?: string
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
  const client = (service: FakeCall['service'], target: ClientTarget, dpop?: DpopSigner) => ({
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name
      const call: FakeCall = { service, command: name, input: command.input, target }
      if (dpop)
        call.dpop = dpop('POST', `${target.endpoint ?? `https://${target.region}.signin.aws.amazon.com`}/v1/token`)
      calls.push(call)
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
    signin: async (target, dpop) => client('signin', target, dpop) as never,
  }
}
