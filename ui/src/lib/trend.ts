// Geometry of the trend chart: one line per section across an organisation's assessments,
// scores 0 to 100, as SVG paths (a missing score breaks the line).

import type { Trend } from './bindings';

export interface Series {
  id: string;
  label: string;
  title: string;
  /** The SVG path ("M x y L x y ..."); separate runs where a score is missing. */
  path: string;
  /** Each scored point. */
  points: Array<{ x: number; y: number; score: number; index: number }>;
  /** The overall score line. */
  overall: boolean;
}

export interface Frame {
  /** Plot area. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The x of assessment `i` of `n`, evenly spaced (a single one sits in the middle). */
export function xAt(frame: Frame, i: number, n: number): number {
  if (n <= 1) return frame.left + frame.width / 2;
  return frame.left + (frame.width * i) / (n - 1);
}

/** The y of a score (0 at the bottom, 100 at the top). */
export function yAt(frame: Frame, score: number): number {
  const s = Math.max(0, Math.min(100, score));
  return frame.top + frame.height - (frame.height * s) / 100;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function series(
  frame: Frame,
  id: string,
  label: string,
  title: string,
  scores: Array<number | null>,
  overall: boolean,
): Series {
  const points: Series['points'] = [];
  let path = '';
  let drawing = false;
  scores.forEach((score, index) => {
    if (score === null) {
      drawing = false;
      return;
    }
    const x = round(xAt(frame, index, scores.length));
    const y = round(yAt(frame, score));
    path += ` ${drawing ? 'L' : 'M'}${x} ${y}`;
    drawing = true;
    points.push({ x, y, score, index });
  });
  return { id, label, title, path: path.trim(), points, overall };
}

/** The lines of a trend: the overall score first, then each section. */
export function trendSeries(trend: Trend, frame: Frame, overallTitle: string): Series[] {
  return [
    series(frame, 'overall', '', overallTitle, trend.overall, true),
    ...trend.groups.map((g) => series(frame, g.id, g.label, g.title, g.scores, false)),
  ];
}

/** How many distinct line styles there are; series beyond repeat them. */
export const STYLES = 8;
