import { Area, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, Scatter, Tooltip, XAxis, YAxis, type DefaultLegendContentProps, type LegendPayload } from 'recharts';
import type { TrendChartData } from '@/domain/display/trend-series';

type Labels = {
  actual: string;
  goal: string;
  deadline: string;
  baseline: string;
  required: string;
  trend: string;
  band: string;
};

type Props = {
  data: TrendChartData;
  labels: Labels;
  /** Formats a value with its unit for axis ticks and tooltips ("85.2%", "42 人"). */
  format: (value: number) => string;
  /**
   * The tooltip's text for the region's own figure of a year, when it says more than `format` (a bound:
   * "≥ 95.0%"); undefined keeps `format`.
   */
  formatActual?: (value: number, year: number) => string | undefined;
  /** The tooltip's source line for a year: the figure's own citation, shown as text under the year. */
  citation?: (year: number) => string | undefined;
  /** Accessible summary of the chart; the table below it carries every number. */
  summary: string;
  /** A fixed width for print; otherwise the chart follows its container. */
  width?: number;
  height?: number;
};

const COLORS = { actual: '#0a58ca', required: '#57606a', trend: '#bc4c00', band: '#fbd2b5', goal: '#1a7f37', comparison: ['#8250df', '#bf3989', '#0e7c86'] };

/** The dash pattern a legend entry's line is drawn with, when its series has one. */
function dashOf(entry: LegendPayload): string | undefined {
  const dash = (entry.payload as { strokeDasharray?: unknown } | undefined)?.strokeDasharray;
  return typeof dash === 'string' || typeof dash === 'number' ? String(dash) : undefined;
}

/**
 * The legend: each series' name as text beside a swatch that is only a
 * picture (aria-hidden), so a screen reader reads "实际值", not "实际值 legend
 * icon" as Recharts' own legend has it.
 */
function ChartLegend({ payload = [] }: DefaultLegendContentProps) {
  return (
    <ul className="recharts-default-legend trend-chart__legend" style={{ listStyle: 'none', margin: 0, padding: 0, textAlign: 'center' }}>
      {payload.map((entry) => {
        const color = entry.color ?? '#24292f';
        const dash = dashOf(entry);
        return (
          <li key={`${String(entry.dataKey ?? '')}-${entry.value ?? ''}`} className="recharts-legend-item" style={{ display: 'inline-block', marginRight: 10 }}>
            <svg width={14} height={14} viewBox="0 0 32 32" aria-hidden="true" focusable="false" style={{ display: 'inline-block', verticalAlign: 'middle', marginRight: 4 }}>
              {entry.type === 'rect' || entry.type === 'square' ? (
                <rect x={2} y={6} width={28} height={20} fill={color} />
              ) : entry.type === 'circle' ? (
                <circle cx={16} cy={16} r={10} fill={color} />
              ) : entry.type === 'diamond' ? (
                <path d="M16 4 L28 16 L16 28 L4 16 Z" fill={color} />
              ) : (
                <line x1={0} y1={16} x2={32} y2={16} stroke={color} strokeWidth={4} {...(dash === undefined ? {} : { strokeDasharray: dash })} />
              )}
            </svg>
            <span className="recharts-legend-item-text">{entry.value}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Actual values over the years against the goal (a line, or a band for
 * "approximately" and "between"), the deadline, the baseline, the path
 * required from the baseline to the goal, the observed trend and the
 * projection band to the deadline, plus comparison series. Receives finished
 * numbers (see domain/trend-series.ts); draws no grid, because measuring every
 * tick for a grid dominates Recharts' cost on long series.
 */
export function TrendChart({ data, labels, format, formatActual, citation, summary, width, height = 320 }: Props) {
  const size = width ? { width, height } : { style: { width: '100%', height } };
  return (
    <figure className="trend-chart" aria-label={summary} role="figure">
      <ComposedChart
        {...size}
        {...(width ? {} : { responsive: true })}
        data={data.rows}
        margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
        accessibilityLayer
      >
        <XAxis dataKey="x" type="number" domain={data.xDomain} ticks={data.xTicks} tickFormatter={(x: number) => String(Math.round(x))} allowDecimals={false} />
        <YAxis domain={data.yDomain} ticks={data.yTicks} tickFormatter={format} width={64} />
        {data.goal.band && (
          <ReferenceArea y1={data.goal.band[0]} y2={data.goal.band[1]} fill={COLORS.goal} fillOpacity={0.12} ifOverflow="extendDomain" label={{ value: labels.goal, position: 'insideTopLeft', fill: COLORS.goal }} />
        )}
        {data.goal.line !== undefined && (
          <ReferenceLine y={data.goal.line} stroke={COLORS.goal} strokeWidth={2} strokeDasharray="6 3" ifOverflow="extendDomain" label={{ value: labels.goal, position: 'insideTopLeft', fill: COLORS.goal }} />
        )}
        <ReferenceLine x={data.deadline} stroke="#24292f" strokeDasharray="2 2" label={{ value: labels.deadline, position: 'insideTopRight', fill: '#24292f' }} />
        {data.hasBand && (
          <Area dataKey="band" name={labels.band} stroke="none" fill={COLORS.band} fillOpacity={0.8} isAnimationActive={false} connectNulls />
        )}
        {data.hasRequired && (
          <Line dataKey="required" name={labels.required} stroke={COLORS.required} strokeDasharray="4 4" dot={false} isAnimationActive={false} connectNulls />
        )}
        {data.hasTrend && (
          <Line dataKey="trend" name={labels.trend} stroke={COLORS.trend} strokeDasharray="8 3" dot={false} isAnimationActive={false} connectNulls />
        )}
        {data.comparisons.map((comparison, i) => (
          <Line
            key={comparison.key}
            dataKey={comparison.key}
            name={comparison.label}
            stroke={COLORS.comparison[i % COLORS.comparison.length]}
            strokeWidth={1.5}
            dot={{ r: 2 }}
            isAnimationActive={false}
            connectNulls
          />
        ))}
        <Line
          dataKey="actual"
          name={labels.actual}
          stroke={COLORS.actual}
          strokeWidth={2.5}
          dot={data.rows.length <= 60 ? { r: 3 } : false}
          isAnimationActive={false}
          connectNulls={false}
        />
        {data.baseline && <Scatter data={[data.baseline]} dataKey="y" name={labels.baseline} fill="#24292f" shape="diamond" isAnimationActive={false} />}
        <Tooltip
          formatter={(value: unknown, _name: unknown, item: { dataKey?: unknown; payload?: { x?: unknown } }) => {
            if (Array.isArray(value)) return value.map((v) => format(Number(v))).join(' – ');
            if (typeof value !== 'number') return String(value);
            const year = Number(item.payload?.x);
            return (item.dataKey === 'actual' && Number.isFinite(year) ? formatActual?.(value, Math.round(year)) : undefined) ?? format(value);
          }}
          labelFormatter={(x: unknown) => {
            const year = Math.round(Number(x));
            const source = citation?.(year);
            return source ? (
              <>
                {year}
                <br />
                <span className="trend-chart__citation">{source}</span>
              </>
            ) : (
              String(year)
            );
          }}
        />
        <Legend content={ChartLegend} />
      </ComposedChart>
    </figure>
  );
}
