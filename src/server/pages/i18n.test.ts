import { describe, expect, it } from 'vitest'
import { meetsPasswordPolicy, pickLanguage } from './i18n.js'

describe('pickLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['ja', 'ja'],
    ['ja-JP,ja;q=0.9,en-US;q=0.8', 'ja'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['fr-FR,ja;q=0.5', 'ja'],
    ['ja;q=0, en;q=0.1', 'en'],
    ['de', 'en'],
  ])('%s gives %s', (header, lang) => {
    expect(pickLanguage(header)).toBe(lang)
  })
})

describe('meetsPasswordPolicy', () => {
  it.each([
    ['Alice-demo-pass-1', true],
    ['short-A1', false],
    ['alllowercase123', false],
    ['ALLUPPERCASE123', false],
    ['NoDigitsHereAtAll', false],
  ])('%s: %s', (password, ok) => {
    expect(meetsPasswordPolicy(password)).toBe(ok)
  })
})
