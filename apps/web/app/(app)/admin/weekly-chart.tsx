import type { WeekCount } from '@bmb/db/queries';

/** BMBs per week as bars, with the same figures in a table beside it for those who cannot see the chart. */
export function WeeklyChart({ weeks }: { weeks: WeekCount[] }) {
  const max = Math.max(1, ...weeks.map((w) => w.sent));
  const barWidth = 10;
  const height = 120;
  const total = weeks.reduce((sum, w) => sum + w.sent, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_16rem]">
      <figure className="rounded border border-slate-200 bg-white p-4">
        <svg
          role="img"
          aria-labelledby="weekly-chart-title"
          viewBox={`0 0 ${weeks.length * (barWidth + 2)} ${height}`}
          className="h-40 w-full"
          preserveAspectRatio="none"
        >
          <title id="weekly-chart-title">{`Skickade BMB per vecka, senaste året: totalt ${total}, som mest ${max} på en vecka.`}</title>
          {weeks.map((w, i) => {
            const h = (w.sent / max) * (height - 4);
            return <rect key={w.week} x={i * (barWidth + 2)} y={height - h} width={barWidth} height={h} className="fill-brand-700" />;
          })}
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
