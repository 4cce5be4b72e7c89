/**
 * S3 request bodies the SDK streams with `Content-Encoding: aws-chunked` (flexible checksums):
 * `HEXSIZE[;chunk-signature=…]\r\nDATA\r\n … 0\r\n[trailers]\r\n\r\n`. Returns the payload.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function decodeAwsChunked(body: Buffer, headers: IncomingHttpHeaders): Buffer {
  if (!String(headers['content-encoding'] ?? '').includes('aws-chunked')) return body;
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0] ?? '0', 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
