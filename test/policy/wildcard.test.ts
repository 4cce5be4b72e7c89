import { matchesWildcard } from '../../lambda/policy/evaluate-policy';

describe('matchesWildcard', () => {
  it.each([
    { pattern: '*', value: '', caseInsensitive: false, expected: true },
    { pattern: '*', value: 'anything:at/all', caseInsensitive: false, expected: true },
    { pattern: 'abc', value: 'abc', caseInsensitive: false, expected: true },
    { pattern: 'abc', value: 'abcd', caseInsensitive: false, expected: false },
    { pattern: 'abc', value: 'ab', caseInsensitive: false, expected: false },
    { pattern: 'a?c', value: 'abc', caseInsensitive: false, expected: true },
    { pattern: 'a?c', value: 'ac', caseInsensitive: false, expected: false },
    { pattern: 'a*c', value: 'ac', caseInsensitive: false, expected: true },
    { pattern: 'a*c', value: 'abbbc', caseInsensitive: false, expected: true },
    { pattern: 'a*c', value: 'abbbcd', caseInsensitive: false, expected: false },
    { pattern: '*b*b*', value: 'abab', caseInsensitive: false, expected: true },
    { pattern: '*b*b*', value: 'aba', caseInsensitive: false, expected: false },
    { pattern: 'kms:GenerateDataKey*', value: 'kms:GenerateDataKeyWithoutPlaintext', caseInsensitive: true, expected: true },
    { pattern: 'SNS:Publish', value: 'sns:publish', caseInsensitive: true, expected: true },
    { pattern: 'SNS:Publish', value: 'sns:publish', caseInsensitive: false, expected: false },
    { pattern: 'a.c', value: 'abc', caseInsensitive: false, expected: false },
    { pattern: 'a+(b)', value: 'a+(b)', caseInsensitive: false, expected: true },
  ])('$pattern vs $value (caseInsensitive $caseInsensitive) → $expected', ({ pattern, value, caseInsensitive, expected }) => {
    expect(matchesWildcard(pattern, value, { caseInsensitive })).toBe(expected);
  });

  it('answers a many-star pattern that does not match without backtracking blow-up', () => {
    const value = 'a'.repeat(5000);
    expect(matchesWildcard(`${'*a'.repeat(30)}b`, value)).toBe(false);
  });
});
