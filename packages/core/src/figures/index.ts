export { figuresOf, alignFigure, PALETTE, type Figure, type Column, type AlignedFigure } from './align.js';
export { figureToSvg } from './svg.js';
