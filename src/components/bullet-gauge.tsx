import { useId } from 'react';
import type { GaugeScale } from '@/domain/display/gauge-scale';
import type { Status } from '@/domain/evaluation/evaluate-target';
import type { FigureQualifier } from '@/domain/shared/observation';

type BulletGaugeProps = {
  scale: GaugeScale;
  value?: number;
  /** Accessible name, e.g. "学前三年毛入园率：实际与目标". */
  label: string;
  /** Accessible value, e.g. "85.2%，目标 ≥ 85%". */
  valueText: string;
  /** The card's status: the bar's colour (`--status-<status>`). */
  status: Status;
  /**
   * Whether the value itself meets the goal: a solid bar when it does, hatched when it
   * does not (an on-track target still below its goal is not drawn as meeting it),
   * dotted for a bound that proves neither.
   */
  meets: boolean | 'undecided';
  /** A published bound: the bar ends in a chevron pointing the way the true value may lie. */
  qualifier?: FigureQualifier;
};

const WIDTH = 240;
const HEIGHT = 28;

/** The bar's fill pattern: how the value stands against the goal, readable without colour. */
export function gaugeFill(meets: boolean | 'undecided'): 'solid' | 'hatched' | 'dotted' {
  return meets === 'undecided' ? 'dotted' : meets ? 'solid' : 'hatched';
}

/**
 * A bullet gauge: the whole scale in grey, the stretch that meets the goal tinted,
 * goal markers as ticks, the actual value as a bar in the status's colour — solid
 * when the value meets the goal, hatched when it falls short, dotted for an
 * undecided bound. Reads the same for floors, caps and bands because the good
 * stretch is drawn, not implied.
 */
export function BulletGauge({ scale, value, label, valueText, status, meets, qualifier }: BulletGaugeProps) {
  const patternId = `gauge-fill-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const x = (n: number) => ((n - scale.min) / (scale.max - scale.min)) * WIDTH;
  const clamped = value === undefined ? undefined : Math.min(scale.max, Math.max(scale.min, value));
  const fill = gaugeFill(meets);
  const end = clamped === undefined ? 0 : x(clamped);
  return (
    <div
      className={`gauge gauge--${status} gauge--${fill}`}
      role="meter"
      aria-label={label}
      aria-valuemin={scale.min}
      aria-valuemax={scale.max}
      aria-valuenow={clamped ?? scale.min}
      aria-valuetext={valueText}
      data-fill={fill}
    >
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {fill !== 'solid' && (
          <defs>
            <pattern id={patternId} patternUnits="userSpaceOnUse" width={4} height={4} patternTransform={fill === 'hatched' ? 'rotate(45)' : undefined}>
              <rect className="gauge__pattern-ground" width={4} height={4} />
              {fill === 'hatched' ? <rect className="gauge__ink" width={2.2} height={4} /> : <circle className="gauge__ink" cx={2} cy={2} r={1.3} />}
            </pattern>
          </defs>
        )}
        <rect className="gauge__track" x={0} y={6} width={WIDTH} height={16} rx={2} />
        <rect className="gauge__good" x={x(scale.goodFrom)} y={6} width={Math.max(0, x(scale.goodTo) - x(scale.goodFrom))} height={16} />
        {clamped !== undefined && (
          <rect
            className="gauge__bar"
            x={0}
            y={9}
            width={end}
            height={10}
            rx={1}
            {...(fill === 'solid' ? {} : { style: { fill: `url(#${patternId})` } })}
          />
        )}
        {clamped !== undefined && fill !== 'solid' && <rect className="gauge__bar-edge" x={0.5} y={9.5} width={Math.max(0, end - 1)} height={9} rx={1} />}
        {clamped !== undefined && qualifier && (
          <polygon
            className="gauge__bound"
            points={qualifier === 'at_least' ? `${end},7 ${end + 7},14 ${end},21` : `${end},7 ${end - 7},14 ${end},21`}
          />
        )}
        {scale.markers.map((marker) => (
          <rect key={marker} className="gauge__marker" x={Math.min(WIDTH - 3, Math.max(0, x(marker) - 1.5))} y={1} width={3} height={26} />
        ))}
      </svg>
    </div>
  );
}
