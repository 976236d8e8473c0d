/**
 * A real SMTP server on 127.0.0.1 for tests of `idc server --smtp` (smtp-server), which parses
 * every message it accepts (mailparser). Not used by the running server.
 *
 * @module
 */
import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export async function startSmtpListener(options: Partial<SMTPServerOptions> = {}) {
  const received: ParsedMail[] = []
  const waiters: (() => void)[] = []
  const server = new SMTPServer({
    disabledCommands: options.secure ? [] : ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail)
          for (const wake of waiters.splice(0)) wake()
          done()
        },
        (error: Error) => done(error),
      )
    },
    ...options,
  })
  // A client that gives up on the TLS handshake (the untrusted certificate) is an error event here.
  server.on('error', () => {})
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    /** Resolves once `n` messages arrived. */
    async waitFor(n: number) {
      while (received.length < n) await new Promise<void>((wake) => waiters.push(wake))
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
