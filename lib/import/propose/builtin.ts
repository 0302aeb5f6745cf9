// The offline proposer: structure from headings, lists and tables. Outline levels (headings by
// level, then list items by depth) map in order to client → project → task; tables with client /
// project / task columns map row by row; "Org.nr: …" lines and identifiers with a valid check
// digit become client details; other text under a client becomes a note on it.
import type { Block, ExtractedDocument } from '../extract/blocks';
import { ImportError } from '../errors';
import { cleanDetails, mergeProposals, ProposalSchema, type Details, type Proposal, type ProposedClient } from '../schemas';
import { fieldOf, isDetailField, type Field } from './columns';
import { detailLine, scanIdentifiers, setDetail } from './details';

/** A top heading that only names the list ("Kunder", "Projects") is not a client. */
const CONTAINER = /^(kunder|kundlista|klienter|clients|customers|uppdrag|projekt|projects|assignments|översikt|overview)$/i;
/** A company form at the end of a name ("… AB", "… GmbH"): the heading names a client. */
const COMPANY_FORM =
  /[\s,](ab|aktiebolag|hb|handelsbolag|kb|kommanditbolag|ek\.?\s?för\.?|ekonomisk förening|enskild firma|ef|ltd|limited|llc|inc|corp|plc|gmbh|ag|oy|oyj|as|asa|aps|a\/s|bv|nv|sa|sarl|srl)\.?$/i;

type OutlineBlock = Extract<Block, { type: 'heading' | 'item' }>;

/**
 * A lone heading above the rest (the document's H1) is its title, not a client, unless it reads as
 * one: a company form in the name, or client details ("Org.nr: …") right under it.
 */
function isDocumentTitle(doc: ExtractedDocument, outline: OutlineBlock[], first: OutlineBlock): boolean {
  if (first.type !== 'heading' || outline.filter((x) => rankOf(x) === rankOf(first)).length !== 1) return false;
  if (CONTAINER.test(first.text.trim())) return true;
  if (!outline.some((x) => rankOf(x) > rankOf(first)) || COMPANY_FORM.test(first.text.trim())) return false;
  const under = doc.blocks.slice(doc.blocks.indexOf(first) + 1);
  const next = under.findIndex((x) => rankOf(x) >= 0);
  const scratch: Details = {};
  return !under.slice(0, next < 0 ? under.length : next).some((x) => x.type === 'paragraph' && detailLine(x.text, scratch));
}

interface Builder {
  clients: ProposedClient[];
  client?: ProposedClient;
  project?: ProposedClient['projects'][number];
  notes: Map<ProposedClient, string[]>;
  details: Map<ProposedClient, Details>;
  source: string;
}

const clip = (text: string, max: number) => text.trim().slice(0, max);

function findOrAdd<T extends { name: string }>(list: T[], name: string, make: () => T): T {
  const key = name.toLocaleLowerCase('sv');
  let found = list.find((x) => x.name.toLocaleLowerCase('sv') === key);
  if (!found) list.push((found = make()));
  return found;
}

function startClient(b: Builder, name: string) {
  b.client = findOrAdd(b.clients, clip(name, 200), () => ({ name: clip(name, 200), projects: [], notes: [], sources: [b.source] }));
  b.project = undefined;
}

function startProject(b: Builder, name: string) {
  if (!b.client) return;
  b.project = findOrAdd(b.client.projects, clip(name, 300), () => ({ name: clip(name, 300), tasks: [] }));
}

function addTask(b: Builder, name: string) {
  if (!b.project) return;
  findOrAdd(b.project.tasks, clip(name, 300), () => ({ name: clip(name, 300) }));
}

const detailsOf = (b: Builder, client: ProposedClient) => {
  let d = b.details.get(client);
  if (!d) b.details.set(client, (d = {}));
  return d;
};

/** Text under a client: a detail line, else identifiers scanned and the text kept as a note. */
function addText(b: Builder, text: string) {
  if (!b.client) return;
  const details = detailsOf(b, b.client);
  if (detailLine(text, details)) return;
  scanIdentifiers(text, details);
  const notes = b.notes.get(b.client) ?? [];
  notes.push(text);
  b.notes.set(b.client, notes);
}

function addTable(b: Builder, rows: string[][]) {
  const [header, ...body] = rows;
  const fields = header.map((cell) => fieldOf(cell));
  const has = (f: Field) => fields.includes(f);
  const cell = (row: string[], f: Field) => (fields.indexOf(f) >= 0 ? (row[fields.indexOf(f)] ?? '').trim() : '');
  if (has('client') || (has('project') && b.client)) {
    // Blank client and project cells repeat the row above (merged cells in a spreadsheet).
    let lastProject = '';
    for (const row of body) {
      const client = cell(row, 'client');
      if (client && client.toLocaleLowerCase('sv') !== b.client?.name.toLocaleLowerCase('sv')) {
        startClient(b, client);
        lastProject = '';
      }
      if (!b.client) continue;
      const details = detailsOf(b, b.client);
      fields.forEach((f, i) => isDetailField(f) && setDetail(details, f, row[i] ?? ''));
      const project = cell(row, 'project') || lastProject;
      if (project) {
        startProject(b, project);
        lastProject = project;
        const task = cell(row, 'task');
        if (task) addTask(b, task);
      }
      const note = cell(row, 'note');
      if (note) addText(b, note);
    }
    return;
  }
  // A two-column table of labels and values describes the current client.
  if (b.client && rows.every((r) => r.length === 2) && rows.some((r) => isDetailField(fieldOf(r[0])))) {
    const details = detailsOf(b, b.client);
    for (const [label, value] of rows) {
      const f = fieldOf(label);
      if (isDetailField(f)) setDetail(details, f, value);
    }
    return;
  }
  for (const row of rows) addText(b, row.filter(Boolean).join(' · '));
}

/** Outline ranks in document order: headings by level, list items after all headings by depth. */
const rankOf = (block: Block) => (block.type === 'heading' ? block.level : block.type === 'item' ? 100 + block.depth : -1);

export function proposeFromDocument(doc: ExtractedDocument): Proposal {
  const b: Builder = { clients: [], notes: new Map(), details: new Map(), source: doc.name };
  const outline = doc.blocks.filter((x) => rankOf(x) >= 0) as OutlineBlock[];
  let ranks = [...new Set(outline.map(rankOf))].sort((x, y) => x - y);
  const first = outline[0];
  if (first && isDocumentTitle(doc, outline, first)) ranks = ranks.slice(1);
  for (const block of doc.blocks) {
    if (block.type === 'table') {
      addTable(b, block.rows);
      continue;
    }
    if (block.type === 'paragraph') {
      addText(b, block.text);
      continue;
    }
    const role = ranks.indexOf(rankOf(block));
    if (role < 0) continue;
    if (role === 0) startClient(b, block.text);
    else if (b.client && detailLine(block.text, detailsOf(b, b.client))) continue;
    else if (role === 1) startProject(b, block.text);
    else addTask(b, block.text);
  }
  for (const client of b.clients) {
    const details = cleanDetails(b.details.get(client));
    if (Object.keys(details).length) client.details = details;
    const notes = b.notes.get(client);
    if (notes?.length) client.notes.push({ title: clip(doc.name, 300), body: notes.join('\n\n').slice(0, 20000) });
  }
  return { clients: b.clients };
}

/** Names are clipped to the limits already; what can still fail the schema is sheer size. */
export function proposeBuiltin(docs: ExtractedDocument[]): Proposal {
  const parsed = ProposalSchema.safeParse(mergeProposals(docs.map(proposeFromDocument)));
  if (!parsed.success) throw new ImportError('tooMany');
  return parsed.data;
}
