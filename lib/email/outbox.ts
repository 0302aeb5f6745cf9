// The stand-in's mail outbox: every email the embedded services would send is written here as
// JSON, one file per message, so a developer (or a test) can open links from it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Links the message carries (confirmation, recovery, invitation). */
  links: string[];
  /** Files sent along (the app's invoice emails), kept whole so a test can compare bytes. */
  attachments?: { filename: string; contentType: string; size: number; sha256: string; contentBase64: string }[];
  sentAt: string;
}

export class Outbox {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  send(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage {
    const stored: OutboxMessage = { ...message, id: randomUUID(), sentAt: new Date().toISOString() };
    const file = `${stored.sentAt.replace(/[:.]/g, '-')}-${stored.id}.json`;
    writeFileSync(path.join(this.dir, file), JSON.stringify(stored, null, 2));
    return stored;
  }

  /** Messages, oldest first, optionally only those to one address. */
  list(to?: string): OutboxMessage[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(this.dir, f), 'utf8')) as OutboxMessage)
      .filter((m) => !to || m.to.toLowerCase() === to.toLowerCase());
  }
}
