// The AI proposer against a local HTTP server that speaks the Messages API (the SDK's base URL
// pointed at it): a good answer, a malformed one, a timeout, an error status.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '@/lib/import/extract/blocks';
import { aiConfig, proposeWithAi, type AiConfig } from '@/lib/import/propose/ai';

type Reply = (req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse) => void;

const doc: ExtractedDocument = {
  name: 'avtal.pdf',
  format: 'pdf',
  blocks: [
    { type: 'heading', level: 1, text: 'Avtal med Norrsken Energi AB' },
    { type: 'item', depth: 0, text: 'Ny webbplats: förstudie och design' },
  ],
};

function toolAnswer(input: unknown) {
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: 'test-model',
    content: [{ type: 'tool_use', id: 'toolu_1', name: 'propose_mind_map', input }],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
}

describe('AI proposer', () => {
  let server: Server;
  let reply: Reply = () => {};
  const requests: { headers: IncomingMessage['headers']; url?: string; body: Record<string, unknown> }[] = [];
  let config: AiConfig;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}');
        requests.push({ headers: req.headers, url: req.url, body });
        reply(req, body, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    config = aiConfig({
      ANTHROPIC_API_KEY: 'sk-test-key',
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
      ANTHROPIC_MODEL: 'test-model',
      ANTHROPIC_TIMEOUT_MS: '500',
    })!;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  it('is off without an API key', () => {
    expect(aiConfig({})).toBeNull();
    expect(aiConfig({ ANTHROPIC_API_KEY: '  ' })).toBeNull();
  });

  it('sends the text with a tool schema and returns the validated proposal', async () => {
    reply = (_req, _body, res) =>
      json(
        res,
        200,
        toolAnswer({
          clients: [
            {
              name: 'Norrsken Energi AB',
              // A wrong check digit is dropped; a valid VAT number is normalised.
              details: { orgNumber: '556123-4560', vatNumber: 'se 5561234567 01', email: 'inte en adress' },
              projects: [{ name: 'Ny webbplats', tasks: [{ name: 'Förstudie' }, { name: 'Design' }] }],
              sources: ['avtal.pdf'],
            },
          ],
        }),
      );
    const proposal = await proposeWithAi([doc], config);
    expect(proposal).toEqual({
      clients: [
        {
          name: 'Norrsken Energi AB',
          details: { vatNumber: 'SE556123456701' },
          projects: [{ name: 'Ny webbplats', tasks: [{ name: 'Förstudie' }, { name: 'Design' }] }],
          notes: [],
          sources: ['avtal.pdf'],
        },
      ],
    });
    const sent = requests.at(-1)!;
    expect(sent.url).toBe('/v1/messages');
    expect(sent.headers['x-api-key'] ?? sent.headers.authorization).toMatch(/sk-test-key$/);
    expect(sent.body.model).toBe('test-model');
    expect(sent.body.tool_choice).toEqual({ type: 'tool', name: 'propose_mind_map' });
    const [tool] = sent.body.tools as { name: string; input_schema: { type: string; properties: Record<string, unknown> } }[];
    expect(tool.input_schema.type).toBe('object');
    expect(Object.keys(tool.input_schema.properties)).toEqual(['clients']);
    const content = JSON.stringify(sent.body.messages);
    expect(content).toContain('Avtal med Norrsken Energi AB');
    expect(content).toContain('avtal.pdf');
  });

  it('refuses an answer that does not match the schema', async () => {
    reply = (_req, _body, res) => json(res, 200, toolAnswer({ clients: [{ name: '', projects: 'inte en lista' }] }));
    await expect(proposeWithAi([doc], config)).rejects.toThrow('import.aiMalformed');
    reply = (_req, _body, res) =>
      json(res, 200, { ...toolAnswer({}), content: [{ type: 'text', text: 'Här är kunderna: …' }], stop_reason: 'end_turn' });
    await expect(proposeWithAi([doc], config)).rejects.toThrow('import.aiMalformed');
  });

  it('gives up after the configured timeout', async () => {
    const before = requests.length;
    reply = () => {}; // never answers
    await expect(proposeWithAi([doc], config)).rejects.toThrow('import.aiTimeout');
    expect(requests.length - before).toBe(1); // no silent retries
  });

  it('reports an API error (bad key, overload) as unavailable', async () => {
    reply = (_req, _body, res) => json(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    await expect(proposeWithAi([doc], config)).rejects.toThrow('import.aiUnavailable');
  });
});
