// The small coloured label naming a node's kind.
import { useI18n } from '@/components/i18n/provider';
import type { NodeKind } from '@/lib/map/types';
import { KIND_ICONS, textOn } from './kind-style';

export function KindBadge({ kind, colour }: { kind: NodeKind; colour: string }) {
  const { t } = useI18n();
  return (
    <span
      className="inline-flex shrink-0 items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium"
      style={{ backgroundColor: colour, color: textOn(colour) }}
    >
      <span aria-hidden>{KIND_ICONS[kind]}</span>
      {t(`map.kinds.${kind}`)}
    </span>
  );
}
