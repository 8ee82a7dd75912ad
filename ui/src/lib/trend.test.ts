import { describe, expect, it } from 'vitest';
import type { Trend } from './bindings';
import { trendSeries, xAt, yAt } from './trend';

const frame = { left: 10, top: 0, width: 200, height: 100 };

function trend(groups: Array<Array<number | null>>, overall: Array<number | null>): Trend {
  return {
    assessments: overall.map((score, i) => ({
      id: `a${i}`,
      title: `A${i}`,
      organisation: 'Acme',
      createdAt: `202${i}-01-01T00:00:00Z`,
      score,
      completion: 100,
    })),
    groups: groups.map((scores, i) => ({ id: `g${i}`, label: `G${i}`, title: `Group ${i}`, scores })),
    overall,
  };
}

describe('trend chart', () => {
  it('spreads the assessments evenly and puts 100 at the top', () => {
    expect(xAt(frame, 0, 3)).toBe(10);
    expect(xAt(frame, 2, 3)).toBe(210);
    expect(xAt(frame, 0, 1)).toBe(110);
    expect(yAt(frame, 100)).toBe(0);
    expect(yAt(frame, 0)).toBe(100);
    expect(yAt(frame, 140)).toBe(0);
  });
  it('draws the overall line first, then one line per section', () => {
    const s = trendSeries(trend([[50, 60, 70]], [40, 50, 60]), frame, 'Overall');
    expect(s.map((x) => x.id)).toEqual(['overall', 'g0']);
    expect(s[0]!.overall).toBe(true);
    expect(s[1]!.path).toBe('M10 50 L110 40 L210 30');
  });
  it('breaks a line where a score is missing', () => {
    const g = trendSeries(trend([[50, null, 70, 80]], [1, 2, 3, 4]), frame, 'Overall')[1]!;
    expect(g.points.map((p) => p.index)).toEqual([0, 2, 3]);
    expect(g.path.match(/M/g)?.length).toBe(2);
  });
});
