import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics.js'

describe('createMetrics', () => {
  it('renders counters in Prometheus text with sorted, escaped labels', () => {
    const m = createMetrics()
    m.recordRequest('CreateToken', 'success', { grant_type: 'refresh_token' })
    m.recordRequest('CreateToken', 'success', { grant_type: 'refresh_token' })
    m.recordRequest('GetCallerIdentity', 'Sender"x')
    expect(m.render()).toBe(
      [
        '# HELP idc_requests_total API requests handled, by AWS operation name and outcome.',
        '# TYPE idc_requests_total counter',
        'idc_requests_total{grant_type="refresh_token",operation="CreateToken",outcome="success"} 2',
        'idc_requests_total{operation="GetCallerIdentity",outcome="Sender\\"x"} 1',
        '',
      ].join('\n'),
    )
  })
})
