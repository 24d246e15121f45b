// The key hints for the current screen, on one line.
import { Text } from 'ink';
import { KEYS, type ScreenName } from './keys.js';

export function Footer({ screen }: { screen: ScreenName }) {
  const hints = KEYS[screen].filter((k) => k.footer);
  return (
    <Text wrap="truncate-end" dimColor>
      {hints.map((k) => `${k.keys.split('  ')[0]} ${k.footer}`).join(' · ')}
    </Text>
  );
}
