export { figuresOf, figureRowsOf, alignFigure, alignRow, PALETTE, type Figure, type FigureRow, type Column, type Cell, type AlignedFigure } from './align.js';
export { figureToSvg } from './svg.js';
