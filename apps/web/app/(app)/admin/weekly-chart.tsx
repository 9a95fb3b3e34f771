import type { WeekCount } from '@bmb/db/queries';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** Round steps for the value axis: 0, a half, the top (a whole number at least 1). */
function valueTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  const half = Math.round(top / 2);
  return [...new Set([0, half, top])];
}

/**
 * BMBs per week as bars, with a value axis (0, half, the most), the months
 * along the time axis, each bar's figure on hover, and the same figures in a
 * table beside it for those who cannot see the chart.
 */
export function WeeklyChart({ weeks }: { weeks: WeekCount[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.sent));
  const barWidth = 10;
  const gap = 2;
  const left = 32;
  const top = 8;
  const plot = 120;
  const bottom = 22;
  const width = left + weeks.length * (barWidth + gap);
  const height = top + plot + bottom;
  const total = weeks.reduce((sum, w) => sum + w.sent, 0);
  const y = (value: number) => top + plot - (value / max) * plot;
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <figure className="rounded border border-slate-200 bg-white p-4">
        <svg role="img" aria-labelledby="weekly-chart-title" viewBox={`0 0 ${width} ${height}`} className="h-auto w-full">
          <title id="weekly-chart-title">{`Skickade BMB per vecka, senaste året: totalt ${total}, som mest ${max} på en vecka.`}</title>
          {valueTicks(max).map((tick) => (
            <g key={tick}>
              <line x1={left - 4} x2={width} y1={y(tick)} y2={y(tick)} className="stroke-slate-300" strokeWidth={0.5} />
              <text x={left - 6} y={y(tick) + 3} textAnchor="end" fontSize={9} className="fill-slate-700">
                {tick}
              </text>
            </g>
          ))}
          {weeks.map((w, i) => {
            const h = (w.sent / max) * plot;
            const x = left + i * (barWidth + gap);
            const month = Number(w.week.slice(5, 7)) - 1;
            const newMonth = i === 0 || weeks[i - 1]!.week.slice(5, 7) !== w.week.slice(5, 7);
            return (
              <g key={w.week}>
                <rect x={x} y={top + plot - h} width={barWidth} height={h} className="fill-brand-700">
                  <title>{`Veckan från ${w.week}: ${w.sent}`}</title>
                </rect>
                {newMonth ? (
                  <text x={x} y={top + plot + 14} fontSize={9} className="fill-slate-700">
                    {MONTHS[month]}
                  </text>
                ) : null}
              </g>
            );
          })}
          <line x1={left} x2={width} y1={top + plot} y2={top + plot} className="stroke-slate-500" strokeWidth={1} />
          <line x1={left} x2={left} y1={top} y2={top + plot} className="stroke-slate-500" strokeWidth={1} />
        </svg>
        <figcaption className="mt-2 text-sm text-slate-700">
          Skickade BMB per vecka, från {weeks[0]?.week} till {weeks.at(-1)?.week}.
        </figcaption>
      </figure>
      <div className="max-h-64 overflow-y-auto rounded border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="Skickade BMB per vecka, tabell">
        <table className="w-full text-sm">
          <caption className="sr-only">Skickade BMB per vecka</caption>
          <thead className="sticky top-0 bg-brand-50">
            <tr>
              <th scope="col" className="px-3 py-1 text-left">Vecka från</th>
              <th scope="col" className="px-3 py-1 text-right">Skickade</th>
            </tr>
          </thead>
          <tbody>
            {[...weeks].reverse().map((w) => (
              <tr key={w.week} className="border-t border-slate-100">
                <td className="px-3 py-1">{w.week}</td>
                <td className="px-3 py-1 text-right">{w.sent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
