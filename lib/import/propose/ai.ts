// The AI proposer: the extracted text goes to Anthropic's Messages API with one tool whose input
// schema is ProposalSchema, and the model must call it. Its answer is input like any other: parsed
// with the same zod schema, details checked the same way. Only used when the operator set
// ANTHROPIC_API_KEY and the user confirmed sending (checked by the caller's schema).
import Anthropic, { APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { z } from 'zod';
import { blocksToText, type ExtractedDocument } from '../extract/blocks';
import { ImportError } from '../errors';
import { cleanDetails, mergeProposals, ProposalSchema, type Proposal } from '../schemas';

export interface AiConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

export const DEFAULT_MODEL = 'claude-sonnet-4-5';
/** What one request may carry; longer documents are cut (the model sees that they were). */
export const MAX_AI_CHARS = 150_000;
const TOOL = 'propose_mind_map';

/** Null when no key is configured: the AI option is then not offered at all. */
export function aiConfig(env: Record<string, string | undefined> = process.env): AiConfig | null {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (!apiKey) return null;
  const timeout = Number(env.ANTHROPIC_TIMEOUT_MS);
  return {
    apiKey,
    baseURL: env.ANTHROPIC_BASE_URL?.trim() || undefined,
    model: env.ANTHROPIC_MODEL?.trim() || DEFAULT_MODEL,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 90_000,
  };
}

const SYSTEM = [
  "You turn a Swedish sole-proprietor consultant's documents (contracts, offers, spreadsheets, notes) into a proposed mind-map.",
  "Find the clients (the consultant's customers, not the consultant), their projects and the tasks in each project.",
  'Add client details only when they are written in the documents; never invent numbers or addresses.',
  'Keep names short, as written in the documents, in their language. Record in sources the names of the documents each client appears in.',
  `Answer only by calling the ${TOOL} tool.`,
].join(' ');

function documentsText(docs: ExtractedDocument[]): string {
  let budget = MAX_AI_CHARS;
  return docs
    .map((doc) => {
      const text = blocksToText(doc.blocks);
      const kept = text.slice(0, Math.max(0, budget));
      budget -= kept.length;
      const cut = kept.length < text.length ? '\n[… the rest of this document was cut for length]' : '';
      return `<document name=${JSON.stringify(doc.name)}>\n${kept}${cut}\n</document>`;
    })
    .join('\n\n');
}

export async function proposeWithAi(docs: ExtractedDocument[], config: AiConfig): Promise<Proposal> {
  const client = new Anthropic({ apiKey: config.apiKey, baseURL: config.baseURL, timeout: config.timeoutMs, maxRetries: 0 });
  let message: Anthropic.Message;
  try {
    message = await client.messages.create({
      model: config.model,
      max_tokens: 8192,
      system: SYSTEM,
      tools: [
        {
          name: TOOL,
          description: 'The proposed clients → projects → tasks, with client details and notes where the documents give them.',
          input_schema: z.toJSONSchema(ProposalSchema, { io: 'input' }) as Anthropic.Tool.InputSchema,
        },
      ],
      tool_choice: { type: 'tool', name: TOOL },
      messages: [{ role: 'user', content: documentsText(docs) }],
    });
  } catch (error) {
    if (error instanceof APIConnectionTimeoutError) throw new ImportError('aiTimeout');
    if (error instanceof APIError) throw new ImportError('aiUnavailable');
    throw error;
  }
  const call = message.content.find((block) => block.type === 'tool_use' && block.name === TOOL);
  const parsed = ProposalSchema.safeParse(call && 'input' in call ? call.input : undefined);
  if (!parsed.success) throw new ImportError('aiMalformed');
  const clients = parsed.data.clients.map((c) => {
    const details = cleanDetails(c.details);
    return { ...c, details: Object.keys(details).length ? details : undefined };
  });
  return mergeProposals([{ clients }]);
}
