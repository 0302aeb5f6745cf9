// How the dashboard's charts look, in the theme's colours (CSS variables), so every chart follows
// light and dark alike.
export const CHART_GRID = { strokeDasharray: '3 3', vertical: false, stroke: 'var(--border)' } as const;
export const CHART_X_AXIS = {
  tick: { fill: 'var(--muted)', fontSize: 12 },
  tickLine: false,
  axisLine: { stroke: 'var(--border)' },
} as const;
export const CHART_Y_AXIS = { tick: { fill: 'var(--muted)', fontSize: 12 }, tickLine: false, axisLine: false } as const;
export const CHART_TOOLTIP = {
  cursor: { fill: 'var(--subtle)' },
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, color: 'var(--fg)' },
} as const;
export const CHART_LEGEND = { wrapperStyle: { fontSize: 12, color: 'var(--muted)' } } as const;
