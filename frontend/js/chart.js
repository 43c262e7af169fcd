// A bar chart of head counts per night, drawn as SVG; the numbers are text, not pixels.

import { svg, uniqueId } from "./dom.js";
import { count } from "./format.js";

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 28, right: 16, bottom: 40, left: 48 };
const TICKS = 4;

/** A round step (1, 2 or 5 × 10ⁿ) so that TICKS steps reach at least ``largest``. */
export function tickStep(largest) {
  const rough = Math.max(1, largest) / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough);
  return Math.max(1, step);
}

function gridLines(step, y) {
  const lines = [];
  for (let i = 0; i <= TICKS; i += 1) {
    const value = i * step;
    lines.push(
      svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
      svg("text", { class: "tick", x: MARGIN.left - 8, y: y(value), "text-anchor": "end", "dominant-baseline": "middle" }, count(value)),
    );
  }
  return svg("g", { "aria-hidden": "true" }, lines);
}

function bar(entry, index, band, y) {
  const x = MARGIN.left + index * band + band * 0.15;
  const width = band * 0.7;
  const top = y(entry.Count);
  const bottom = y(0);
  return svg(
    "g",
    { class: "bar", testid: `bar-${entry.Day}`, "data-count": String(entry.Count) },
    svg("rect", { x, y: top, width, height: Math.max(0, bottom - top), rx: 2 }),
    svg("text", { class: "value", x: x + width / 2, y: top - 8, "text-anchor": "middle" }, count(entry.Count)),
    svg("text", { class: "label", x: x + width / 2, y: bottom + 22, "text-anchor": "middle" }, entry.Day),
  );
}

/**
 * @param {{Day: string, Count: number}[]} headCounts one entry per night, in event order
 * @param {string} title what the chart shows, read out by screen readers
 */
export function headCountChart(headCounts, title) {
  const titleId = uniqueId("chart-title");
  const descId = uniqueId("chart-desc");
  const largest = Math.max(0, ...headCounts.map((e) => Number(e.Count) || 0));
  const step = tickStep(largest);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value) => MARGIN.top + plotHeight - (value / (step * TICKS)) * plotHeight;
  const band = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, headCounts.length);
  const description = headCounts.map((e) => `${e.Day}: ${count(e.Count)}`).join(", ");
  return svg(
    "svg",
    { class: "chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": `${titleId} ${descId}`, testid: "headcount-chart" },
    svg("title", { id: titleId }, title),
    svg("desc", { id: descId }, `People on site each night. ${description}.`),
    gridLines(step, y),
    svg("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }),
    headCounts.map((entry, index) => bar(entry, index, band, y)),
  );
}
