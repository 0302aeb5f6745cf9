'use server';
// Hours actions: quick entry and edit, delete, a week grid cell, the timer. Each is one
// transaction as the owner; the database refuses changes to hours billed on a sent invoice.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createAction } from '@/lib/actions/action';
import { withUserTransaction } from '@/lib/db/transaction';
import { requireOwner } from '@/lib/profile/owner-workspace';
import { deleteEntry, saveEntry } from './entries';
import { setDayTotal } from './grid';
import { cellSchema, entrySchema, idSchema, timerSchema } from './schema';
import { startTimer, stopTimer } from './timer';

export const saveTimeEntry = createAction({
  schema: entrySchema,
  handler: async (input, { claims }) => {
    await withUserTransaction(claims, (tx, workspace) => saveEntry(tx, requireOwner(workspace), input));
    revalidatePath('/tid', 'layout');
    if (input.id) redirect(`/tid?vecka=${input.entryDate}`);
    return { message: 'time.entry.saved', keepValues: true };
  },
});

export const deleteTimeEntry = createAction({
  schema: idSchema,
  handler: async ({ id }, { claims }) => {
    await withUserTransaction(claims, (tx, workspace) => deleteEntry(tx, requireOwner(workspace), id));
    revalidatePath('/tid', 'layout');
    return { message: 'time.entry.deleted' };
  },
});

export const setWeekCell = createAction({
  schema: cellSchema,
  handler: async ({ nodeId, entryDate, minutes }, { claims }) => {
    await withUserTransaction(claims, (tx, workspace) => setDayTotal(tx, requireOwner(workspace), nodeId, entryDate, minutes));
    revalidatePath('/tid', 'layout');
  },
});

export const startTimerAction = createAction({
  schema: timerSchema,
  handler: async ({ nodeId, description }, { claims }) => {
    await withUserTransaction(claims, (tx, workspace) => startTimer(tx, requireOwner(workspace), nodeId, description));
    revalidatePath('/tid', 'layout');
  },
});

export const stopTimerAction = createAction({
  schema: z.object({}),
  handler: async (_input, { claims }) => {
    const minutes = await withUserTransaction(claims, (tx, workspace) => {
      requireOwner(workspace);
      return stopTimer(tx);
    });
    revalidatePath('/tid', 'layout');
    return minutes === null ? { message: 'time.timer.notRunning' } : { message: 'time.timer.stopped' };
  },
});
