// The mind-map: the owner's clients, projects, tasks and notes, as a canvas or a list.
// `?nod=<id>` opens a node (the import review links here).
import type { Metadata } from 'next';
import { MapWorkspace } from '@/components/map/map-workspace';
import { getTranslator } from '@/lib/i18n/server';
import { listNodes } from '@/lib/map/queries';
import { ownerPageContext } from '@/lib/request/context';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('map.title') };
}

export default async function MapPage({ searchParams }: { searchParams: Promise<{ nod?: string | string[] }> }) {
  const ctx = await ownerPageContext();
  const { t } = await getTranslator();
  const nodes = await ctx.tx(async (tx, workspace) => (workspace?.role === 'owner' ? listNodes(tx, workspace.id) : null));
  if (!nodes) return <p className="text-muted">{t('map.noWorkspace')}</p>;
  const wanted = (await searchParams).nod;
  const initialSelected = typeof wanted === 'string' && nodes.some((n) => n.id === wanted) ? wanted : null;
  return <MapWorkspace initialNodes={nodes} initialSelected={initialSelected} />;
}
