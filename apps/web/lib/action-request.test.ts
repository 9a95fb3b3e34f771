import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isDecodableActionBody, isServerActionCall, mediaType } from './action-request';

const body = (text: string) => vi.fn(async () => text);
const neverRead = () => vi.fn(async (): Promise<string> => {
  throw new Error('the body must not be read');
});

describe('isServerActionCall', () => {
  it('is a POST naming an action', () => {
    expect(isServerActionCall('POST', new Headers({ 'next-action': '7f00' }))).toBe(true);
    expect(isServerActionCall('POST', new Headers({ 'Next-Action': '7f00' }))).toBe(true);
    expect(isServerActionCall('POST', new Headers())).toBe(false);
    expect(isServerActionCall('GET', new Headers({ 'next-action': '7f00' }))).toBe(false);
  });
});

describe('isDecodableActionBody', () => {
  it("accepts what Next's client sends for a FormData argument, without reading it", async () => {
    const read = neverRead();
    expect(await isDecodableActionBody('multipart/form-data; boundary=----WebKitFormBoundaryAbC', read)).toBe(true);
    expect(await isDecodableActionBody('application/x-www-form-urlencoded', read)).toBe(true);
    expect(read).not.toHaveBeenCalled();
  });

  it('accepts the text/plain body of an action that takes no argument ("[]"), and other argument lists', async () => {
    expect(await isDecodableActionBody('text/plain;charset=UTF-8', body('[]'))).toBe(true);
    expect(await isDecodableActionBody('text/plain;charset=UTF-8', body('["$undefined",{"a":1}]'))).toBe(true);
  });

  it('refuses a JSON body, garbage, no content type, and multipart without a boundary', async () => {
    const read = neverRead();
    expect(await isDecodableActionBody('application/json', read)).toBe(false);
    expect(await isDecodableActionBody('application/octet-stream', read)).toBe(false);
    expect(await isDecodableActionBody(null, read)).toBe(false);
    expect(await isDecodableActionBody('', read)).toBe(false);
    expect(await isDecodableActionBody('multipart/form-data', read)).toBe(false);
    // Next tests these two exactly as written; anything else goes to decodeReply.
    expect(await isDecodableActionBody('Multipart/Form-Data; boundary=x', read)).toBe(false);
    expect(await isDecodableActionBody('application/x-www-form-urlencoded; charset=UTF-8', read)).toBe(false);
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a text/plain body that is not an encoded argument list', async () => {
    for (const text of ['', 'garbage', '{"a":1}', '"x"', '1', '[', '[]x']) {
      expect(await isDecodableActionBody('text/plain;charset=UTF-8', body(text)), text).toBe(false);
    }
  });

  it('refuses any text/plain body that is not a JSON array', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        let isArray = false;
        try {
          isArray = Array.isArray(JSON.parse(text));
        } catch {
          // not JSON
        }
        expect(await isDecodableActionBody('text/plain', body(text))).toBe(isArray);
      }),
    );
  });
});

describe('mediaType', () => {
  it('keeps only the lower-case type, for the log', () => {
    expect(mediaType('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(mediaType('multipart/form-data; boundary=secret')).toBe('multipart/form-data');
    expect(mediaType(null)).toBe('none');
    expect(mediaType(' ; x')).toBe('none');
  });
});
