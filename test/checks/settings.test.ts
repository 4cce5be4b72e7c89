import { DEFAULT_SETTINGS, resolveSettings, SettingsError } from '../../lambda/checks/settings';

describe('resolveSettings', () => {
  it('fills every threshold with its documented default', () => {
    expect(resolveSettings()).toEqual({
      deliveryStaleMinutes: 120,
      evidenceMaxAgeMinutes: 180,
      minRetentionDays: 365,
      newAccountGraceHours: 24,
    });
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('takes numbers and numeric strings (CLI flags, CDK context)', () => {
    expect(resolveSettings({ deliveryStaleMinutes: 30, minRetentionDays: '400' })).toMatchObject({
      deliveryStaleMinutes: 30,
      minRetentionDays: 400,
      evidenceMaxAgeMinutes: 180,
    });
  });

  it.each([
    ['deliveryStaleMinutes', 0, '0'],
    ['deliveryStaleMinutes', 1.5, '1.5'],
    ['minRetentionDays', 'a year', '"a year"'],
    ['evidenceMaxAgeMinutes', 59, '59'],
    ['newAccountGraceHours', -1, '-1'],
    ['newAccountGraceHours', true, 'true'],
  ])('rejects %s = %p with a message naming the key, the value and the range', (key, value, shown) => {
    const attempt = () => resolveSettings({ [key]: value });
    expect(attempt).toThrow(SettingsError);
    expect(attempt).toThrow(`${key}: ${shown} is not allowed; expected a whole number from`);
  });
});
