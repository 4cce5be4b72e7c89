import { evaluatePolicy, PolicyParseError } from '../../lambda/policy/evaluate-policy';
import { requestOf } from './policy-builders';

describe('documents that cannot be read', () => {
  it.each([
    { name: 'empty text', text: '', message: /not valid JSON/ },
    { name: 'truncated JSON', text: '{"Statement": [', message: /not valid JSON/ },
    { name: 'not JSON at all', text: 'Allow everything', message: /not valid JSON/ },
    { name: 'a JSON array', text: '[]', message: /not a JSON object/ },
    { name: 'JSON null', text: 'null', message: /not a JSON object/ },
    { name: 'no Statement', text: '{"Version":"2012-10-17"}', message: /has no Statement element/ },
    { name: 'a Statement string', text: '{"Statement":"Allow"}', message: /Statement must be an object or a list/ },
    { name: 'a null Statement', text: '{"Statement":null}', message: /Statement must be an object or a list/ },
  ])('$name throws PolicyParseError', ({ text, message }) => {
    const read = (): unknown => evaluatePolicy(text, requestOf());
    expect(read).toThrow(PolicyParseError);
    expect(read).toThrow(message);
  });

  it.each([
    { name: 'an empty Statement list', text: '{"Statement":[]}', decision: 'ImplicitDeny' },
    {
      name: 'URL-encoded JSON, as IAM returns it',
      text: encodeURIComponent('{"Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}}'),
      decision: 'Allow',
    },
    { name: 'surrounding whitespace', text: '\n {"Statement":{"Effect":"Allow","Action":"*"}} \n', decision: 'Allow' },
  ])('$name is read', ({ text, decision }) => {
    expect(evaluatePolicy(text, requestOf({ principal: undefined })).decision).toBe(decision);
  });
});
