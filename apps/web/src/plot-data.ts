// Figures from an experiment's series (grouping by `plot`, aligning x values for uPlot, gaps for log axes) live in
// @hw3/core, shared with the hand-in report's inline SVG figures.
export { alignFigure, figuresOf, PALETTE, type AlignedFigure, type Column, type Figure } from '@hw3/core/report';
