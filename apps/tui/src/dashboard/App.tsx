// The HW3 Lab dashboard: experiments by homework question with live status, runs in a worker, finished runs
// printed above (Ink <Static>), and screens for a result, the parameter form, a seed, the claim checker and help.
// The frame is kept shorter than the terminal so Ink never clears the screen (no flicker).
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { paramFields, type Experiment } from '@hw3/core';
import { fieldTexts } from '@hw3/client/fields';
import { groupByQuestion } from '@hw3/client/groups';
import type { ExperimentRunner, RunRequest } from '../worker/runner.js';
import { ClaimChecker } from './ClaimChecker.js';
import { ExperimentList } from './ExperimentList.js';
import { FinishedLog } from './FinishedLog.js';
import { Footer } from './Footer.js';
import { HelpScreen } from './HelpScreen.js';
import type { ScreenName } from './keys.js';
import { LivePane } from './LivePane.js';
import { proseToUnicode } from '../render/tex.js';
import { ParamForm, type FormDraft } from './ParamForm.js';
import { ResultView } from './ResultView.js';
import { runAllQuestion, runCostText } from './run-cost.js';
import { SeedPrompt } from './SeedPrompt.js';
import { useNow } from './use-now.js';
import { useStaticRepaint } from './use-static-repaint.js';
import { statusOf, useRuns } from './use-runs.js';
import { useTerminalSize } from './use-terminal-size.js';
import { storedLine, type StoredRuns } from './stored-runs.js';

export interface AppProps {
  experiments: readonly Experiment[];
  runner: ExperimentRunner;
  /** Overrides the terminal size (tests). */
  size?: { columns: number; rows: number };
  /** The run store, when storing is on: each experiment's last runs are shown, `o` opens the newest. */
  stored?: StoredRuns;
}

export function App({ experiments, runner, size, stored }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const width = Math.max(40, columns - 1);
  const runs = useRuns(runner);
  const now = useNow(runs.state.current !== undefined);

  const [screen, setScreenState] = useState<ScreenName>('list');
  const screenRef = useRef<ScreenName>('list');
  const repaint = useStaticRepaint();
  const setScreen = (next: ScreenName) => {
    // The finished runs above the list scrolled away under a taller screen: print them again.
    if (next === 'list' && !['list', 'seed'].includes(screenRef.current) && runs.state.log.length > 0 && !size) repaint.request();
    screenRef.current = next;
    setScreenState(next);
  };
  const [helpFrom, setHelpFrom] = useState<ScreenName>('list');
  const [selectedId, setSelectedId] = useState(() => groupByQuestion(experiments)[0]?.experiments[0]?.id ?? '');
  const [params, setParams] = useState<Record<string, Record<string, unknown>>>({});
  const [seeds, setSeeds] = useState<Record<string, number>>({});
  const [drafts, setDrafts] = useState<Record<string, FormDraft>>({});
  const [seedText, setSeedText] = useState('');
  // `a` first says what running everything costs; a second `a` starts it.
  const [confirmAll, setConfirmAllState] = useState(false);
  const confirmAllRef = useRef(false);
  const setConfirmAll = (on: boolean) => {
    confirmAllRef.current = on;
    setConfirmAllState(on);
  };

  const byId = useMemo(() => new Map(experiments.map((e) => [e.id, e])), [experiments]);
  const ordered = useMemo(() => groupByQuestion(experiments).flatMap((g) => g.experiments), [experiments]);
  // Key handlers read the selection from a ref: several keys can arrive before the next render.
  const selectedRef = useRef(selectedId);
  const select = (id: string) => {
    selectedRef.current = id;
    setSelectedId(id);
  };
  const move = (step: number | 'first' | 'last') => {
    const i = Math.max(0, ordered.findIndex((e) => e.id === selectedRef.current));
    const next = step === 'first' ? 0 : step === 'last' ? ordered.length - 1 : Math.min(ordered.length - 1, Math.max(0, i + step));
    if (ordered[next]) select(ordered[next].id);
  };
  const selected = byId.get(selectedRef.current);
  const titleOf = useCallback((id: string) => {
    const e = byId.get(id);
    return e ? `${e.question} ${e.title}` : id;
  }, [byId]);
  const request = (id: string, overrides?: { params?: Record<string, unknown>; seed?: number }): RunRequest => ({
    experimentId: id,
    params: overrides?.params ?? params[id] ?? {},
    seed: overrides?.seed ?? seeds[id] ?? 1,
  });
  const runSelected = (overrides?: { params?: Record<string, unknown>; seed?: number }) => {
    const selected = byId.get(selectedRef.current);
    if (!selected) return;
    if (overrides?.params) setParams((p) => ({ ...p, [selected.id]: overrides.params! }));
    if (overrides?.seed !== undefined) setSeeds((s) => ({ ...s, [selected.id]: overrides.seed! }));
    const busy = runs.state.current?.experimentId === selected.id || runs.state.queue.some((r) => r.experimentId === selected.id);
    if (!busy || overrides) runs.run(request(selected.id, overrides));
  };
  const initialDraft = (experiment: Experiment): FormDraft => ({
    texts: Object.fromEntries(fieldTexts(paramFields(experiment), params[experiment.id])),
    seedText: String(seeds[experiment.id] ?? 1),
  });
  const openForm = () => {
    const selected = byId.get(selectedRef.current);
    if (!selected) return;
    setDrafts((d) => ({ ...d, [selected.id]: d[selected.id] ?? initialDraft(selected) }));
    setScreen('params');
  };
  const openSeed = () => {
    const selected = byId.get(selectedRef.current);
    if (!selected) return;
    setSeedText(String((seeds[selected.id] ?? 1) + 1));
    setScreen('seed');
  };

  // Read again when the selection changes or a run finishes (not on every frame).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id and the log's length are the triggers (a new selection, a finished run), not the objects.
  const recentStored = useMemo(() => (stored && selected ? stored.recent(selected.id) : undefined), [stored, selected?.id, runs.state.log.length]);
  const openStored = () => {
    const latest = stored?.recent(selectedRef.current, 1);
    if (!stored || typeof latest === 'string' || !latest?.[0]) return;
    const run = stored.load(latest[0].id);
    if (!run) return;
    runs.show(run.experiment, run.result, run.wallMs);
    setScreen('result');
  };

  useInput(
    (input, key) => {
      const screen = screenRef.current;
      if (screen === 'help') {
        if (key.escape || input === '?' || input === 'q') setScreen(helpFrom);
        return;
      }
      if (screen !== 'list' && screen !== 'result') return;
      if (confirmAllRef.current) {
        setConfirmAll(false);
        if (input === 'a') runs.run(...experiments.filter((e) => statusOf(runs.state, e.id).kind !== 'running' && statusOf(runs.state, e.id).kind !== 'queued').map((e) => request(e.id)));
        return;
      }
      if (input === 'q') exit();
      else if (input === '?') {
        setHelpFrom(screen);
        setScreen('help');
      } else if (input === 'c') runs.cancel();
      else if (input === 'p') openForm();
      else if (input === 's') openSeed();
      else if (screen === 'list') {
        if (key.return || input === 'r') runSelected();
        else if (input === 'a') setConfirmAll(true);
        else if (input === 'v' || key.rightArrow) setScreen('result');
        else if (input === 'x') setScreen('claims');
        else if (input === 'o') openStored();
      } else if (screen === 'result') {
        if (input === 'r' || key.return) runSelected();
        else if (key.escape || key.leftArrow || input === 'v') setScreen('list');
      }
    },
    { isActive: isRawModeSupported && screen !== 'params' && screen !== 'seed' && screen !== 'claims' },
  );

  // Rows for the screen body: the frame stays below the terminal height (header, live pane and footer around it).
  const live = runs.state.current ? 2 : 0;
  const body = Math.max(5, rows - 1 - 1 - live - 1);
  const lastResult = selected ? runs.state.results[selected.id]?.result : undefined;

  let content: ReactNode;
  if (screen === 'help') content = <HelpScreen height={body} isFocused />;
  else if (screen === 'claims') content = <ClaimChecker width={width} height={body} isFocused onBack={() => setScreen('list')} />;
  else if (selected && screen === 'result') {
    content = <ResultView experiment={selected} {...(lastResult ? { result: lastResult } : {})} width={width} height={body} isFocused />;
  } else if (selected && screen === 'params') {
    content = (
      <ParamForm
        experiment={selected}
        draft={drafts[selected.id] ?? initialDraft(selected)}
        onChange={(draft) => setDrafts((d) => ({ ...d, [selected.id]: draft }))}
        onRun={(p, seed) => {
          runSelected({ params: p, seed });
          setScreen('list');
        }}
        onBack={() => setScreen('list')}
        width={width}
        isFocused
      />
    );
  } else {
    const status = selected ? statusOf(runs.state, selected.id) : undefined;
    content = (
      <Box flexDirection="column">
        <ExperimentList
          experiments={experiments}
          selectedId={selected?.id ?? selectedId}
          onMove={move}
          statusOf={(id) => statusOf(runs.state, id)}
          now={now}
          width={width}
          maxRows={body - 4 - (stored ? 1 : 0) - (screen === 'seed' ? 2 : 0) - (confirmAll ? 2 : 0)}
          isFocused={screen === 'list'}
        />
        <Text> </Text>
        {selected ? (
          <Text wrap="truncate-end" dimColor>
            {`${proseToUnicode(selected.summary)}${status && 'result' in status ? `  (last: seed ${status.result.seed})` : ''}`}
          </Text>
        ) : (
          <Text color="yellow">No experiments are registered.</Text>
        )}
        {selected && stored ? (
          <Text wrap="truncate-end" dimColor>
            {storedLine(recentStored ?? [])}
          </Text>
        ) : null}
        {selected && !confirmAll ? (
          <Text wrap="truncate-end" dimColor>
            {`cost: ${runCostText(selected, params[selected.id]) ?? 'unknown for these parameters'}`}
          </Text>
        ) : null}
        {confirmAll ? (
          <Text wrap="wrap" color="yellow">
            {runAllQuestion(experiments, (id) => params[id] ?? {})}
          </Text>
        ) : null}
        {screen === 'seed' && selected ? (
          <SeedPrompt
            title={titleOf(selected.id)}
            value={seedText}
            onChange={setSeedText}
            onRun={(seed) => {
              runSelected({ seed });
              setScreen('list');
            }}
            onBack={() => setScreen('list')}
            isFocused
          />
        ) : null}
      </Box>
    );
  }

  return (
    <>
      <FinishedLog log={runs.state.log} width={width} titleOf={titleOf} />
      <Box flexDirection="column" width={width} {...(repaint.tall ? { height: rows } : {})}>
        <Text wrap="truncate-end">
          <Text bold color="cyan">HW3 Lab</Text>
          <Text dimColor>{' — μP, gradient estimators, rematerialization: run the homework, check the closed forms   ? help · q quit'}</Text>
        </Text>
        {content}
        <LivePane state={runs.state} titleOf={titleOf} now={now} width={width} />
        <Footer screen={screen} />
      </Box>
    </>
  );
}
