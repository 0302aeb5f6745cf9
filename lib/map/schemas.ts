// What the map's route handlers accept. Messages are catalogue keys (translated by the caller).
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { NODE_KINDS } from './types';

const coordinate = z.number({ error: 'validation.invalid' }).finite('validation.invalid').min(-1e7, 'validation.invalid').max(1e7, 'validation.invalid');
const title = text().trim().max(300, 'db.titleTooLong');

export const nodeIdSchema = z.uuid({ error: 'map.errors.notFound' });

export const createNodeSchema = z.object({
  kind: z.enum(NODE_KINDS, { error: 'db.nodeKindInvalid' }),
  parentId: z.uuid({ error: 'map.errors.notFound' }).nullable(),
  title,
  x: coordinate,
  y: coordinate,
});
export type CreateNodeInput = z.output<typeof createNodeSchema>;

export const nodePatchSchema = z
  .object({
    title,
    body: text().max(200000, 'db.bodyTooLong'),
    x: coordinate,
    y: coordinate,
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'db.colourInvalid').nullable(),
    archived: z.boolean({ error: 'validation.invalid' }),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'validation.invalid');
export type NodePatchInput = z.output<typeof nodePatchSchema>;
