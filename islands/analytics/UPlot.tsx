/**
 * A uPlot chart as a Preact leaf: drawn in the browser only (the server
 * renders an empty box of the same height), redrawn when its data change,
 * resized with its container. The canvas is hidden from assistive
 * technology: each chart's numbers are in a table beside it.
 *
 * @module
 */
import uPlot from "uplot";
import { useEffect, useRef } from "preact/hooks";

/** Props of {@linkcode UPlotChart}. */
export interface UPlotChartProps {
  /** Options without width and height (the container's width, `height`). */
  options: Omit<uPlot.Options, "width" | "height">;
  data: uPlot.AlignedData;
  height: number;
  /** A name for tests and styles (`data-chart`). */
  name: string;
}

/** The chart's box; uPlot draws into it after hydration. */
export function UPlotChart({ options, data, height, name }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = new uPlot({ ...options, width: el.clientWidth || 600, height }, data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} aria-hidden="true" data-chart={name} class="w-full" style={{ minHeight: `${height}px` }} />;
}

export { uPlot };
