// One terminal row of styled segments, cut (never wrapped) at the screen edge so a view's height is its line count.
import { Text } from 'ink';
import type { Line } from '../render/lines.js';

export function LineView({ line }: { line: Line }) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((s, i) => (
        <Text key={i} {...(s.color ? { color: s.color } : {})} bold={s.bold ?? false} dimColor={s.dim ?? false}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
