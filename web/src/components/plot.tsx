// A uPlot chart in React: made once per data and options, resized with its container, destroyed on unmount.
// The canvas says nothing to a screen reader, so every plot is given a text alternative by its caller.

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PlotProps {
  readonly data: uPlot.AlignedData;
  readonly series: readonly uPlot.Series[];
  readonly label: string;
  readonly height?: number;
  readonly axes?: readonly uPlot.Axis[];
}

export function Plot({ data, series, label, height = 240, axes }: PlotProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const options: uPlot.Options = {
      width: element.clientWidth || 600,
      height,
      series: [{}, ...series],
      legend: { show: true },
      ...(axes ? { axes: [...axes] } : {}),
    };
    const plot = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [data, series, height, axes]);
  return <div ref={container} className="plot" role="img" aria-label={label} />;
}
