'use server';
// Hours actions: quick entry and edit, delete and its undo, a week grid cell, the timer, the
// rounding rule. Each is one transaction as the owner (declared: createAction's default access);
// the database refuses changes to hours billed on a sent invoice and rounds what is written.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createAction } from '@/lib/actions/action';
import { formatMinutes } from '@/lib/i18n/format';
import { deleteEntry, restoreEntry, saveEntry } from './entries';
import { setDayTotal } from './grid';
import { setRounding } from './rounding';
import { cellSchema, entrySchema, idSchema, roundingSchema, timerSchema } from './schema';
import { startTimer, stopTimer } from './timer';

// The header shows the timer on every page, and the dashboard the hours.
const revalidateHours = () => revalidatePath('/', 'layout');

export const saveTimeEntry = createAction({
  schema: entrySchema,
  handler: async (input, ctx) => {
    const saved = await ctx.tx((tx) => saveEntry(tx, ctx.workspace.id, input));
    revalidateHours();
    if (input.id) redirect(`/tid?vecka=${input.entryDate}`);
    return { message: 'time.entry.savedAs', messageParams: { time: formatMinutes(saved.minutes, ctx.locale) }, keepValues: true };
  },
});

/** Deletes; the form gets the id back (kept values) for its undo. */
export const deleteTimeEntry = createAction({
  schema: idSchema,
  handler: async ({ id }, ctx) => {
    await ctx.tx((tx) => deleteEntry(tx, ctx.workspace.id, id));
    revalidateHours();
    return { message: 'time.entry.deleted', keepValues: true };
  },
});

export const restoreTimeEntry = createAction({
  schema: idSchema,
  handler: async ({ id }, ctx) => {
    await ctx.tx((tx) => restoreEntry(tx, id));
    revalidateHours();
    return { message: 'time.undo.restored' };
  },
});

export const setWeekCell = createAction({
  schema: cellSchema,
  handler: async ({ nodeId, entryDate, minutes }, ctx) => {
    await ctx.tx((tx) => setDayTotal(tx, ctx.workspace.id, nodeId, entryDate, minutes));
    revalidateHours();
  },
});

export const startTimerAction = createAction({
  schema: timerSchema,
  handler: async ({ nodeId, description }, ctx) => {
    await ctx.tx((tx) => startTimer(tx, ctx.workspace.id, nodeId, description));
    revalidateHours();
  },
});

export const stopTimerAction = createAction({
  schema: z.object({}),
  handler: async (_input, ctx) => {
    const minutes = await ctx.tx((tx) => stopTimer(tx));
    revalidateHours();
    return minutes === null
      ? { message: 'time.timer.notRunning' }
      : { message: 'time.timer.stoppedAs', messageParams: { time: formatMinutes(minutes, ctx.locale) } };
  },
});

export const setTimeRounding = createAction({
  schema: roundingSchema,
  handler: async ({ step }, ctx) => {
    await ctx.tx((tx) => setRounding(tx, ctx.workspace.id, step));
    revalidateHours();
    return { message: 'time.rounding.saved', keepValues: true };
  },
});
