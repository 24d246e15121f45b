// Figures from an experiment's series (grouping by `plot`, aligning x values for uPlot, gaps for log axes) live in
// @hw3/core, shared with the hand-in report's inline SVG figures.
export { alignFigure, alignRow, figureRowsOf, figuresOf, PALETTE, type AlignedFigure, type Cell, type Column, type Figure, type FigureRow } from '@hw3/core/report';
