// Time entry forms, checked on the server. Durations as people type them (1:30, 1,5, 90m).
import { z } from 'zod';
import { optionalAmountOre } from '@/lib/validation/fields';
import { parseDuration } from '@/lib/validation/quantities';
import { isSingleLine, SINGLE_LINE_MESSAGE } from '@/lib/validation/text';
import { ROUNDING_STEPS } from './rounding';
import { isDay } from './week';

const MAX_MINUTES = 1440;

/** Minutes from a typed duration; with emptyIsZero an empty input means 0 (a cleared grid cell). */
function duration({ emptyIsZero = false } = {}) {
  return z.string({ error: 'validation.required' }).transform((input, ctx) => {
    if (!input.trim()) {
      if (emptyIsZero) return 0;
      ctx.addIssue({ code: 'custom', message: 'validation.required' });
      return z.NEVER;
    }
    const minutes = parseDuration(input);
    if (minutes === null) ctx.addIssue({ code: 'custom', message: 'validation.duration' });
    else if (minutes > MAX_MINUTES) ctx.addIssue({ code: 'custom', message: 'time.errors.tooLong' });
    else return minutes;
    return z.NEVER;
  });
}

const uuid = z.uuid({ error: 'time.errors.nodeRequired' });
const day = z.string().trim().refine(isDay, 'time.errors.date');

export const entrySchema = z.object({
  id: z
    .union([z.literal('').transform(() => null), z.uuid()])
    .optional()
    .transform((v) => v ?? null),
  nodeId: uuid,
  entryDate: day,
  minutes: duration(),
  hourlyRate: optionalAmountOre(),
  description: z.string().trim().max(2000, 'validation.tooLong').refine(isSingleLine, SINGLE_LINE_MESSAGE).optional().default(''),
  billable: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});
export type EntryInput = z.output<typeof entrySchema>;

export const idSchema = z.object({ id: z.uuid() });

/** A week grid cell: the day's total on a node; empty clears what can be cleared. */
export const cellSchema = z.object({
  nodeId: uuid,
  entryDate: day,
  minutes: duration({ emptyIsZero: true }),
});

export const timerSchema = z.object({
  nodeId: uuid,
  description: z.string().trim().max(2000, 'validation.tooLong').refine(isSingleLine, SINGLE_LINE_MESSAGE).optional().default(''),
});

export const roundingSchema = z.object({
  step: z.coerce
    .number({ error: 'time.rounding.invalid' })
    .refine((v): v is (typeof ROUNDING_STEPS)[number] => (ROUNDING_STEPS as readonly number[]).includes(v), 'time.rounding.invalid'),
});
