// The SVG of a figure lives in @hw3/core (shared with the hand-in report); the PNG export rasterises it.
export { figureToSvg } from '@hw3/core/report';
