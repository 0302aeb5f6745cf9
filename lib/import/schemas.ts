// The one shape every proposer returns and accept takes back: clients → projects → tasks, with
// client details and notes where found. Plain zod (no transforms) so the same schema is the JSON
// schema the AI proposer's tool must fill. Limits follow the database's (nodes.title ≤ 300,
// client_details.name ≤ 200); details are cleaned separately (cleanDetails) because a wrong
// check digit drops the number, it never fails the whole proposal.
import { z } from 'zod';
import { isStorableText } from '@/lib/validation/text';
import { checkOrgNumber, checkVatNumber } from '@/lib/validation/identifiers';
import { swedishPostcode } from '@/lib/validation/fields';
import { oreDecimal, parseMoneyToOre } from '@/lib/validation/quantities';
import { toInvoiceLine, unprintableCharacters } from '@/lib/validation/text';

export const MAX_CLIENTS = 200;
const name = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText);

export const DetailsSchema = z.object({
  orgNumber: z.string().max(40).optional().describe('Swedish organisation number NNNNNN-NNNN'),
  vatNumber: z.string().max(40).optional().describe('EU VAT number, e.g. SE556677889901'),
  email: z.string().max(200).optional(),
  addressLine1: z.string().max(200).optional(),
  postalCode: z.string().max(20).optional(),
  city: z.string().max(100).optional(),
  country: z.string().max(2).optional().describe('ISO 3166 two-letter code, SE for Sweden'),
  hourlyRate: z.string().max(40).optional().describe('Hourly rate excl. VAT in kronor (SEK), e.g. 950'),
});
export type Details = z.infer<typeof DetailsSchema>;

export const TaskSchema = z.object({ name: name(300) });
export const NoteSchema = z.object({ title: name(300), body: z.string().max(20000).default('') });
export const ProjectSchema = z.object({
  name: name(300),
  tasks: z.array(TaskSchema).max(500).default([]),
});
export const ClientSchema = z.object({
  name: name(200),
  details: DetailsSchema.optional(),
  projects: z.array(ProjectSchema).max(500).default([]),
  notes: z.array(NoteSchema).max(100).default([]).describe('Free text about the client worth keeping'),
  sources: z.array(z.string().max(300)).max(50).default([]).describe('Names of the documents the client was found in'),
});
export const ProposalSchema = z.object({ clients: z.array(ClientSchema).max(MAX_CLIENTS) });

export type Task = z.infer<typeof TaskSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type ProposedClient = z.infer<typeof ClientSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;

/** What the review sends back: the chosen (possibly renamed) items, merge ticked per client. */
export const AcceptSchema = z.object({
  clients: z
    .array(ClientSchema.extend({ merge: z.boolean().default(false) }))
    .min(1)
    .max(MAX_CLIENTS),
});
export type AcceptInput = z.infer<typeof AcceptSchema>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Keeps the details that are valid, normalised to the form the database stores; drops the rest. */
export function cleanDetails(details: Details | undefined): Details {
  if (!details) return {};
  const out: Details = {};
  const country = details.country?.trim().toUpperCase();
  if (country && /^[A-Z]{2}$/.test(country)) out.country = country;
  const swedish = (out.country ?? 'SE') === 'SE';
  if (details.orgNumber) {
    const org = checkOrgNumber(details.orgNumber);
    if (org.ok) out.orgNumber = org.value;
    else if (!swedish) out.orgNumber = toInvoiceLine(details.orgNumber) || undefined;
  }
  if (details.vatNumber) {
    const vat = checkVatNumber(details.vatNumber);
    if (vat.ok) out.vatNumber = vat.value;
  }
  const email = details.email?.trim();
  if (email && EMAIL.test(email) && unprintableCharacters(email).length === 0) out.email = email;
  for (const key of ['addressLine1', 'postalCode', 'city'] as const) {
    const value = details[key] && toInvoiceLine(details[key]);
    if (value) out[key] = value;
  }
  // A Swedish postcode is NNN NN, as the profile and client forms require.
  if (out.postalCode && swedish) {
    const postcode = swedishPostcode(out.postalCode);
    if (postcode) out.postalCode = postcode;
    else delete out.postalCode;
  }
  // Kronor as the client form reads them ("950 kr", "1 100,50"), kept as "950,00"; accept stores öre.
  const rate = details.hourlyRate && parseMoneyToOre(details.hourlyRate.replace(/\s*(\/\s*(h|tim|timme)|per\s+(timme|h|hour))$/i, ''));
  if (typeof rate === 'number' && rate >= 0) out.hourlyRate = oreDecimal(rate);
  return out;
}

/** The öre of a cleaned hourly rate (cleanDetails wrote it as kronor). */
export const hourlyRateOre = (details: Details) => (details.hourlyRate ? parseMoneyToOre(details.hourlyRate) : null);

/** Clients with the same name (case-insensitive) become one, their projects and tasks merged too. */
export function mergeProposals(parts: Proposal[]): Proposal {
  const clients = new Map<string, ProposedClient>();
  for (const client of parts.flatMap((p) => p.clients)) {
    const key = client.name.trim().toLocaleLowerCase('sv');
    const existing = clients.get(key);
    if (!existing) {
      clients.set(key, {
        ...client,
        details: client.details && { ...client.details },
        projects: client.projects.map((p) => ({ ...p, tasks: [...p.tasks] })),
      });
      continue;
    }
    existing.details = { ...client.details, ...existing.details };
    existing.notes.push(...client.notes);
    existing.sources = [...new Set([...existing.sources, ...client.sources])];
    for (const project of client.projects) {
      const same = existing.projects.find((p) => p.name.toLocaleLowerCase('sv') === project.name.toLocaleLowerCase('sv'));
      if (!same) existing.projects.push({ ...project, tasks: [...project.tasks] });
      else
        for (const task of project.tasks)
          if (!same.tasks.some((t) => t.name.toLocaleLowerCase('sv') === task.name.toLocaleLowerCase('sv'))) same.tasks.push(task);
    }
  }
  return { clients: [...clients.values()] };
}

// What the browser sends back to be proposed from: the extracted blocks, checked again here.
const blockText = z.string().max(200_000);
export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.number().int().min(1).max(6), text: blockText }),
  z.object({ type: z.literal('item'), depth: z.number().int().min(0).max(50), text: blockText }),
  z.object({ type: z.literal('paragraph'), text: blockText }),
  z.object({ type: z.literal('table'), rows: z.array(z.array(z.string().max(5000)).max(200)).max(50_000) }),
]);
export const DocumentSchema = z.object({
  name: z.string().min(1).max(300).refine(isStorableText),
  format: z.enum(['pdf', 'docx', 'markdown', 'text', 'csv']),
  blocks: z.array(BlockSchema).max(100_000),
});

/** The AI proposer needs the user's explicit yes, checked here and not only by the checkbox. */
export const ProposeRequestSchema = z.discriminatedUnion('proposer', [
  z.object({ proposer: z.literal('builtin'), documents: z.array(DocumentSchema).min(1).max(20) }),
  z.object({ proposer: z.literal('ai'), consent: z.literal(true), documents: z.array(DocumentSchema).min(1).max(20) }),
]);
