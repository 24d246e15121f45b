// Keyboard help: every key of every screen, scrollable when the terminal is short.
import type { Line } from '../render/lines.js';
import { KEYS, SCREEN_TITLES, type ScreenName } from './keys.js';
import { ScrollView } from './ScrollView.js';

function helpLines(): Line[] {
  const screens: ScreenName[] = ['list', 'result', 'params', 'seed', 'claims'];
  return [
    [{ text: 'Keyboard help', bold: true }],
    ...screens.flatMap((screen): Line[] => [
      [{ text: SCREEN_TITLES[screen], bold: true, color: 'cyan' }],
      ...KEYS[screen].map((k): Line => [{ text: `  ${k.keys.padEnd(12)}`, bold: true }, { text: k.does }]),
    ]),
    [],
    [{ text: 'Without a terminal (piped, CI) `npm start` prints the runs as plain text instead; add --json for JSON.', dim: true }],
  ];
}

export function HelpScreen({ height, isFocused }: { height: number; isFocused: boolean }) {
  return <ScrollView lines={helpLines()} height={height} isFocused={isFocused} />;
}
