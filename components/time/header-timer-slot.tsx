// The header's timer, read in the page's one transaction (owners only: an accountant has no hours).
import { loadHeaderTimer } from '@/lib/time/load';
import { HeaderTimer } from './header-timer';

export async function HeaderTimerSlot() {
  const data = await loadHeaderTimer();
  return data ? <HeaderTimer timer={data.timer} nodes={data.nodes} rounding={data.rounding} /> : null;
}
