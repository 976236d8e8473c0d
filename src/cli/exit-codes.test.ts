import { describe, expect, it } from 'vitest'
import { CredentialsError } from '../core/errors.js'
import { hintAddsSomething, reportError } from './exit-codes.js'

describe('hints after an error', () => {
  it('are printed once, on their own line, when they add something', () => {
    const error = new CredentialsError("Your session has expired. Please reauthenticate using 'idc login'.", {
      hint: 'To sign in again, run: idc login --profile dev',
    })
    expect(reportError(error).message).toBe(
      "\nidc: [ERROR]: Your session has expired. Please reauthenticate using 'idc login'.\n" +
        'To sign in again, run: idc login --profile dev\n',
    )
  })

  it('are left out when the message already gives the same command or sentence', () => {
    const error = new CredentialsError("Your session has expired. Please reauthenticate using 'idc login'.", {
      hint: 'To sign in again, run: idc login',
    })
    expect(reportError(error).message).toBe(
      "\nidc: [ERROR]: Your session has expired. Please reauthenticate using 'idc login'.\n",
    )
    expect(hintAddsSomething('Run "idc sso login" first. To sign in again, run: x', 'To sign in again, run: x')).toBe(
      false,
    )
    expect(hintAddsSomething('Token expired.', 'To sign in again, run: idc sso login')).toBe(true)
  })
})
