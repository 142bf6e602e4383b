import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { redactUrl, redactUrlsIn } from '../../src/observability/redact-url.ts';

describe('redactUrl', () => {
  it.each([
    ['https://user:s3cret@crm.example.com/hooks/loyalty?token=t0k&x=1#frag', 'https://[redacted]@crm.example.com/hooks/loyalty?[redacted]'],
    ['https://user@crm.example.com:8443/hook', 'https://[redacted]@crm.example.com:8443/hook'],
    ['http://crm.example.com/hook?', 'http://crm.example.com/hook?[redacted]'],
    ['https://crm.example.com/hook', 'https://crm.example.com/hook'],
    ['postgresql://postgres:pw@127.0.0.1:5432/db?sslmode=require', 'postgresql://[redacted]@127.0.0.1:5432/db?[redacted]'],
  ])('%s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });

  it('cuts credentials and query from text that does not parse as a URL', () => {
    expect(redactUrl('https://us er:pw@bad host/p?token=t0k')).toBe('https://[redacted]@bad host/p?[redacted]');
  });
});

describe('redactUrlsIn', () => {
  it("redacts every URL in a text, as fetch's refusal quotes it", () => {
    const message = 'Request cannot be constructed from a URL that includes credentials: https://user:s3cret@crm.example.com/h?token=t0k';
    expect(redactUrlsIn(message)).toBe('Request cannot be constructed from a URL that includes credentials: https://[redacted]@crm.example.com/h?[redacted]');
    expect(redactUrlsIn('no URL here: /v1/members?q=a')).toBe('no URL here: /v1/members?q=a');
  });
});

describe('the logger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, logger: createLogger('debug', { destination: { write: (line: string) => void lines.push(line) } }) };
  };
  const url = 'https://user:s3cret@crm.example.com/hook?token=t0k';

  it('redacts URLs in messages, fields, nested fields and errors, whatever their key', () => {
    const { lines, logger } = capture();
    logger.info(`posting to ${url}`);
    logger.warn({ webhook: { url, errors: [`failed: ${url}`] } }, 'failed');
    logger.error({ err: new Error(`Request cannot be constructed from a URL that includes credentials: ${url}`) }, 'attempt failed');
    logger.error(new TypeError(`bad ${url}`));
    logger.error({ err: new Error('outer', { cause: new Error(`inner ${url}`) }) });
    logger.warn({ err: `not an Error: ${url}` }, 'odd');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      expect(line).not.toContain('s3cret');
      expect(line).not.toContain('t0k');
      expect(line).toContain('crm.example.com');
    }
    expect(JSON.parse(lines[3]!)).toMatchObject({ msg: 'bad https://[redacted]@crm.example.com/hook?[redacted]', err: { type: 'TypeError' } });
  });

  it('keeps the existing path redaction and leaves other values alone', () => {
    const { lines, logger } = capture();
    logger.info({ secret: 'whsec_x', count: 3, at: new Date(0), path: '/v1/members?q=a' }, 'plain');
    expect(JSON.parse(lines[0]!)).toMatchObject({ secret: '[redacted]', count: 3, at: '1970-01-01T00:00:00.000Z', path: '/v1/members?q=a', msg: 'plain' });
  });
});
