'use server';
// Hours actions: quick entry and edit, delete, a week grid cell, the timer. Each is one
// transaction as the owner (declared: createAction's default access); the database refuses changes to hours billed on a sent invoice.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createAction } from '@/lib/actions/action';
import { deleteEntry, saveEntry } from './entries';
import { setDayTotal } from './grid';
import { cellSchema, entrySchema, idSchema, timerSchema } from './schema';
import { startTimer, stopTimer } from './timer';

export const saveTimeEntry = createAction({
  schema: entrySchema,
  handler: async (input, ctx) => {
    await ctx.tx((tx) => saveEntry(tx, ctx.workspace.id, input));
    revalidatePath('/tid', 'layout');
    if (input.id) redirect(`/tid?vecka=${input.entryDate}`);
    return { message: 'time.entry.saved', keepValues: true };
  },
});

export const deleteTimeEntry = createAction({
  schema: idSchema,
  handler: async ({ id }, ctx) => {
    await ctx.tx((tx) => deleteEntry(tx, ctx.workspace.id, id));
    revalidatePath('/tid', 'layout');
    return { message: 'time.entry.deleted' };
  },
});

export const setWeekCell = createAction({
  schema: cellSchema,
  handler: async ({ nodeId, entryDate, minutes }, ctx) => {
    await ctx.tx((tx) => setDayTotal(tx, ctx.workspace.id, nodeId, entryDate, minutes));
    revalidatePath('/tid', 'layout');
  },
});

export const startTimerAction = createAction({
  schema: timerSchema,
  handler: async ({ nodeId, description }, ctx) => {
    await ctx.tx((tx) => startTimer(tx, ctx.workspace.id, nodeId, description));
    revalidatePath('/tid', 'layout');
  },
});

export const stopTimerAction = createAction({
  schema: z.object({}),
  handler: async (_input, ctx) => {
    const minutes = await ctx.tx((tx) => stopTimer(tx));
    revalidatePath('/tid', 'layout');
    return minutes === null ? { message: 'time.timer.notRunning' } : { message: 'time.timer.stopped' };
  },
});
