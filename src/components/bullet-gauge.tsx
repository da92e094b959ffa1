import type { GaugeScale } from '@/domain/display/gauge-scale';

type BulletGaugeProps = {
  scale: GaugeScale;
  value?: number;
  /** Accessible name, e.g. "学前三年毛入园率：实际与目标". */
  label: string;
  /** Accessible value, e.g. "85.2%，目标 ≥ 85%". */
  valueText: string;
  tone: 'good' | 'bad' | 'neutral';
};

const WIDTH = 240;
const HEIGHT = 28;

/**
 * A bullet gauge: the whole scale in grey, the stretch that meets the goal
 * tinted, goal markers as ticks, the actual value as a bar. Reads the same for
 * floors, caps and bands because the good stretch is drawn, not implied.
 */
export function BulletGauge({ scale, value, label, valueText, tone }: BulletGaugeProps) {
  const x = (n: number) => ((n - scale.min) / (scale.max - scale.min)) * WIDTH;
  const clamped = value === undefined ? undefined : Math.min(scale.max, Math.max(scale.min, value));
  return (
    <div
      className="gauge"
      role="meter"
      aria-label={label}
      aria-valuemin={scale.min}
      aria-valuemax={scale.max}
      aria-valuenow={clamped ?? scale.min}
      aria-valuetext={valueText}
    >
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="gauge__track" x={0} y={6} width={WIDTH} height={16} rx={2} />
        <rect className="gauge__good" x={x(scale.goodFrom)} y={6} width={Math.max(0, x(scale.goodTo) - x(scale.goodFrom))} height={16} />
        {clamped !== undefined && <rect className={`gauge__bar gauge__bar--${tone}`} x={0} y={10} width={x(clamped)} height={8} rx={1} />}
        {scale.markers.map((marker) => (
          <rect key={marker} className="gauge__marker" x={Math.min(WIDTH - 3, Math.max(0, x(marker) - 1.5))} y={1} width={3} height={26} />
        ))}
      </svg>
    </div>
  );
}
