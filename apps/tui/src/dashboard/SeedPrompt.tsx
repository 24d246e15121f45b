// Asks for a seed to rerun an experiment with (prefilled with the next one); the message shows while it is invalid.
import { Box, Text, useInput, useStdin } from 'ink';
import TextInput from 'ink-text-input';
import { applyTypedControls } from './typed-text.js';
import { checkSeedText } from '@hw3/client/seed';

export interface SeedPromptProps {
  title: string;
  value: string;
  onChange(value: string): void;
  onRun(seed: number): void;
  onBack(): void;
  isFocused: boolean;
}

export function SeedPrompt({ title, value, onChange, onRun, onBack, isFocused }: SeedPromptProps) {
  const { isRawModeSupported } = useStdin();
  const seed = checkSeedText(value);
  useInput((_input, key) => key.escape && onBack(), { isActive: isRawModeSupported && isFocused });
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{`Rerun ${title} with seed `}</Text>
        <TextInput value={value} focus={isFocused} onChange={(typed) => onChange(applyTypedControls(typed))} onSubmit={() => seed.ok && onRun(seed.value)} />
        <Text dimColor>{'   ⏎ run · esc back'}</Text>
      </Text>
      {seed.ok ? <Text> </Text> : <Text color="red">{`  ✗ ${seed.message}`}</Text>}
    </Box>
  );
}
