/**
 * A recording SNS for tests and the storm benchmark: an SNSClient whose request handler answers
 * the Publish calls the real SDK serializes (the Query protocol: form-encoded parameters, XML
 * answers), keeps what was published, and refuses what SNS refuses — a subject that is not
 * printable ASCII under 100 characters, more than 10 message attributes, or a message over
 * 262,144 bytes counting every attribute's name, type and value — with SNS's error shape.
 * `failNext` makes chosen publishes fail (e.g. KMSAccessDenied, InternalError) to test faults.
 */
import { Readable } from 'node:stream';
import { SNSClient } from '@aws-sdk/client-sns';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandlerOptions, RequestHandler } from '@smithy/types';

const MAX_PUBLISH_BYTES = 262_144;
const MAX_ATTRIBUTES = 10;

export interface RecordedPublish {
  topicArn: string;
  subject?: string;
  message: string;
  messageStructure?: string;
  attributes: Record<string, { dataType: string; value: string }>;
  /** Bytes SNS counts against its limit. */
  bytes: number;
}

export interface InjectedSnsError {
  status: number;
  code: string;
  message: string;
}

export const SNS_ERRORS = {
  kmsAccessDenied: { status: 400, code: 'KMSAccessDenied', message: 'User is not authorized to perform kms:GenerateDataKey on the topic key' },
  internalError: { status: 500, code: 'InternalError', message: 'Internal error' },
} as const satisfies Record<string, InjectedSnsError>;

export class RecordingSns {
  readonly published: RecordedPublish[] = [];
  /** Publishes refused (limits or injected faults), newest last. */
  readonly refused: string[] = [];
  private readonly failures: InjectedSnsError[] = [];
  private sequence = 0;

  readonly client: SNSClient;

  constructor() {
    const handler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> = { handle: (request) => this.handle(request) };
    this.client = new SNSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: handler,
      maxAttempts: 1,
    });
  }

  /** The next `count` publishes fail with `error`. */
  failNext(count: number, error: InjectedSnsError): void {
    for (let i = 0; i < count; i++) this.failures.push(error);
  }

  /** What was published since the last call. */
  take(): RecordedPublish[] {
    return this.published.splice(0, this.published.length);
  }

  private async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const params = new URLSearchParams(typeof request.body === 'string' ? request.body : Buffer.from(request.body as Uint8Array).toString('utf8'));
    if (params.get('Action') !== 'Publish') return answer(400, errorXml('InvalidAction', `recording SNS answers Publish only, not ${params.get('Action')}`));
    const injected = this.failures.shift();
    if (injected) {
      this.refused.push(injected.code);
      return answer(injected.status, errorXml(injected.code, injected.message));
    }
    const publish = parsePublish(params);
    const invalid = validate(publish);
    if (invalid) {
      this.refused.push(invalid);
      return answer(400, errorXml('InvalidParameter', invalid));
    }
    this.published.push(publish);
    this.sequence += 1;
    const messageId = `00000000-0000-4000-8000-${String(this.sequence).padStart(12, '0')}`;
    return answer(
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>r-${this.sequence}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
}

function parsePublish(params: URLSearchParams): RecordedPublish {
  const attributes: RecordedPublish['attributes'] = {};
  for (let entry = 1; params.has(`MessageAttributes.entry.${entry}.Name`); entry++) {
    const prefix = `MessageAttributes.entry.${entry}`;
    attributes[params.get(`${prefix}.Name`) ?? ''] = {
      dataType: params.get(`${prefix}.Value.DataType`) ?? '',
      value: params.get(`${prefix}.Value.StringValue`) ?? '',
    };
  }
  const message = params.get('Message') ?? '';
  let bytes = Buffer.byteLength(message);
  for (const [name, { dataType, value }] of Object.entries(attributes)) bytes += Buffer.byteLength(name) + Buffer.byteLength(dataType) + Buffer.byteLength(value);
  return {
    topicArn: params.get('TopicArn') ?? '',
    ...(params.has('Subject') ? { subject: params.get('Subject') ?? '' } : {}),
    message,
    ...(params.has('MessageStructure') ? { messageStructure: params.get('MessageStructure') ?? '' } : {}),
    attributes,
    bytes,
  };
}

function validate(publish: RecordedPublish): string | undefined {
  if (publish.subject !== undefined && !/^[\x21-\x7e][\x20-\x7e]{0,98}$/.test(publish.subject)) return 'Invalid parameter: Subject';
  if (Object.keys(publish.attributes).length > MAX_ATTRIBUTES) return 'Invalid parameter: MessageAttributes: too many';
  if (publish.bytes > MAX_PUBLISH_BYTES) return 'Invalid parameter: Message too long';
  for (const [name, { dataType, value }] of Object.entries(publish.attributes)) {
    if (dataType === 'String.Array') {
      try {
        if (!Array.isArray(JSON.parse(value))) return `Invalid parameter: MessageAttributes ${name}: not an array`;
      } catch {
        return `Invalid parameter: MessageAttributes ${name}: not JSON`;
      }
    }
  }
  if (publish.messageStructure === 'json') {
    try {
      const body = JSON.parse(publish.message) as Record<string, unknown>;
      if (typeof body.default !== 'string') return 'Invalid parameter: Message Structure - No default entry in JSON message body';
    } catch {
      return 'Invalid parameter: Message Structure - JSON message body failed to parse';
    }
  }
  return undefined;
}

function answer(statusCode: number, body: string): { response: HttpResponse } {
  return { response: new HttpResponse({ statusCode, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) }) };
}

function errorXml(code: string, message: string): string {
  const type = code === 'InternalError' ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>err</RequestId></ErrorResponse>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
