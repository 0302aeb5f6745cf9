// What the map's route handlers accept. Messages are catalogue keys (translated by the caller).
import { z } from 'zod';
import { isMultiLine, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { NODE_KINDS } from './types';

const coordinate = z
  .number({ error: 'validation.invalid' })
  .finite('validation.invalid')
  .min(-1e7, 'validation.invalid')
  .max(1e7, 'validation.invalid');
const title = z.string({ error: 'validation.invalid' }).trim().max(300, 'db.titleTooLong').refine(isSingleLine, SINGLE_LINE_MESSAGE);

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
    body: z.string({ error: 'validation.invalid' }).max(200000, 'db.bodyTooLong').refine(isMultiLine, MULTI_LINE_MESSAGE),
    x: coordinate,
    y: coordinate,
    colour: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'db.colourInvalid')
      .nullable(),
    archived: z.boolean({ error: 'validation.invalid' }),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'validation.invalid');
export type NodePatchInput = z.output<typeof nodePatchSchema>;
