// The header's timer, read with the page's frame in its transaction's opening round trip (owners
// only: an accountant has no hours).
import { pageContext } from '@/lib/request/context';
import { HeaderTimer } from './header-timer';

export async function HeaderTimerSlot() {
  const { timer: data } = await (await pageContext()).frame();
  return data ? <HeaderTimer timer={data.timer} rounding={data.rounding} /> : null;
}
